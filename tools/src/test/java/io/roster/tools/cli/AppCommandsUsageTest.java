package io.roster.tools.cli;

import io.roster.testkit.CapturedRun;
import io.roster.testkit.FreePorts;
import io.roster.tools.RosterMain;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import static org.assertj.core.api.Assertions.assertThat;

/** apps, app and interface without a cluster: bad usage is exit 2 before any call, an unreachable meta exit 1. */
class AppCommandsUsageTest {
    private static CapturedRun run(String... args) {
        CommandLine cl = RosterMain.commandLine();
        return CapturedRun.of((out, err) -> {
            cl.setOut(out);
            cl.setErr(err);
            return cl.execute(args);
        });
    }

    @Test
    void badNamesAreExitTwoWithOneLine() {
        String nowhere = "127.0.0.1:" + FreePorts.free();
        CapturedRun app = run("app", "a b", "--meta", nowhere);
        assertThat(app.exit()).as(app.toString()).isEqualTo(2);
        assertThat(app.err()).startsWith("roster app: ");
        assertThat(app.err().strip()).doesNotContain("\n");

        CapturedRun reserved = run("interface", "x#@#DEFAULT_INSTANCE_ID#@#ROSTER_APP", "--meta", nowhere);
        assertThat(reserved.exit()).as(reserved.toString()).isEqualTo(2);
        assertThat(reserved.err()).startsWith("roster interface: ").contains("reserved group ROSTER_APP");

        assertThat(run("app", "--meta", nowhere).exit()).as("APP is required").isEqualTo(2);
        assertThat(run("apps", "--meta", "nowhere").exit()).as("a bad address").isEqualTo(2);
    }

    @Test
    void noMetaIsExitOneWithOneLine() {
        String nowhere = "127.0.0.1:" + FreePorts.free();
        for (String[] args : new String[][]{{"apps"}, {"app", "orders"}, {"interface", "com.example.Echo"}}) {
            String[] full = new String[args.length + 4];
            System.arraycopy(args, 0, full, 0, args.length);
            System.arraycopy(new String[]{"--timeout-ms", "500", "--meta", nowhere}, 0, full, args.length, 4);
            CapturedRun r = run(full);
            assertThat(r.exit()).as(r.toString()).isEqualTo(1);
            assertThat(r.err()).startsWith("roster " + args[0] + ": no meta server answered").doesNotContain("\tat ");
        }
    }

    @Test
    void helpNamesTheSources() {
        CapturedRun help = run("interface", "--help");
        assertThat(help.exit()).isZero();
        assertThat(help.out()).contains("interface-level publishers", "--json", "--meta");
    }
}
