package io.roster.tools;

import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

/** One run of the roster command line in this JVM, with stdout and stderr captured. */
public final class CapturedCli {
    private final CommandLine cl = RosterMain.commandLine();
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private int exit = -1;

    private CapturedCli() {
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
    }

    public static CapturedCli run(String... args) {
        CapturedCli run = new CapturedCli();
        run.exit = run.cl.execute(args);
        return run;
    }

    public int exit() {
        return exit;
    }

    public String out() {
        return out.toString();
    }

    public String err() {
        return err.toString();
    }

    @Override
    public String toString() {
        return "exit " + exit + "\n--- out:\n" + out + "--- err:\n" + err;
    }
}
