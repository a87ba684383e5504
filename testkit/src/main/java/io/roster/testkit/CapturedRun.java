package io.roster.testkit;

import java.io.PrintWriter;
import java.io.StringWriter;

/** One run of a command line in this JVM with its stdout and stderr captured, e.g. a picocli {@code execute}. */
public final class CapturedRun {
    /** The run: writes to {@code out} and {@code err}, returns the exit code. */
    @FunctionalInterface
    public interface Command {
        int execute(PrintWriter out, PrintWriter err);
    }

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private int exit = -1;

    private CapturedRun() {
    }

    public static CapturedRun of(Command command) {
        CapturedRun run = new CapturedRun();
        run.exit = command.execute(new PrintWriter(run.out, true), new PrintWriter(run.err, true));
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
