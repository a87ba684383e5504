package io.roster.tools;

import io.roster.testkit.CapturedRun;
import picocli.CommandLine;

/** Runs the roster command line in this JVM with stdout and stderr captured. */
public final class CapturedCli {
    private CapturedCli() {
    }

    public static CapturedRun run(String... args) {
        CommandLine cl = RosterMain.commandLine();
        return CapturedRun.of((out, err) -> {
            cl.setOut(out);
            cl.setErr(err);
            return cl.execute(args);
        });
    }
}
