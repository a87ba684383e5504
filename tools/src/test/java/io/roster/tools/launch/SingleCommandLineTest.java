package io.roster.tools.launch;

import io.roster.testkit.CapturedRun;
import io.roster.testkit.FreePorts;
import io.roster.tools.RosterMain;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The one-subcommand root a process builds says and does what the whole tree says and does for that subcommand. */
class SingleCommandLineTest {
    private static CapturedRun run(CommandLine cl, String... args) {
        return CapturedRun.of((out, err) -> {
            cl.setOut(out);
            cl.setErr(err);
            return cl.execute(args);
        });
    }

    private static CapturedRun single(String... args) {
        CommandLine cl = SingleCommandLine.forArgs(RosterMain.class, args).orElseThrow();
        assertThat(cl.getSubcommands()).containsOnlyKeys(args[0]);
        return run(cl, args);
    }

    private static List<String> subcommandNames() {
        return Arrays.stream(RosterMain.class.getAnnotation(Command.class).subcommands())
                .map(c -> c.getAnnotation(Command.class).name())
                .filter(n -> !n.equals("help") && !n.equals("completion")).toList();
    }

    @Test
    void everySubcommandsHelpAndVersionAreThoseOfTheWholeTree() {
        assertThat(subcommandNames()).contains("status", "slots", "meta", "server", "pub", "sub");
        for (String name : subcommandNames()) {
            for (String flag : List.of("--help", "--version")) {
                CapturedRun whole = run(RosterMain.commandLine(), name, flag);
                CapturedRun one = single(name, flag);
                assertThat(one.out()).as(name + " " + flag).isEqualTo(whole.out());
                assertThat(one.exit()).as(name + " " + flag).isEqualTo(whole.exit());
            }
        }
        assertThat(single("status", "--help").out()).startsWith("Usage: roster status");
        // the completion script comes from the whole tree, so that command never gets a single-command root
        assertThat(SingleCommandLine.forArgs(RosterMain.class, new String[]{"completion", "bash"})).isEmpty();
        CapturedRun peers = single("meta", "peers", "--help");
        assertThat(peers.out()).isEqualTo(run(RosterMain.commandLine(), "meta", "peers", "--help").out());
    }

    @Test
    void badUsageAndUnreachableMetaGiveTheSameMessagesAndExitCodes() {
        String nowhere = "127.0.0.1:" + FreePorts.free();
        for (String[] args : List.of(new String[]{"status", "--bogus"}, new String[]{"slots", "--meta", "no port"},
                new String[]{"status", "--meta", nowhere, "--timeout-ms", "500"})) {
            CapturedRun whole = run(RosterMain.commandLine(), args);
            CapturedRun one = single(args);
            assertThat(one.exit()).as(String.join(" ", args)).isEqualTo(whole.exit()).isNotZero();
            assertThat(one.err()).as(String.join(" ", args)).isEqualTo(whole.err()).isNotBlank();
        }
    }

    @Test
    void noSubcommandHelpAndUnknownNamesGetTheWholeTree() {
        for (String[] args : List.of(new String[0], new String[]{"help"}, new String[]{"help", "status"},
                new String[]{"--help"}, new String[]{"-V"}, new String[]{"stauts"})) {
            assertThat(SingleCommandLine.forArgs(RosterMain.class, args)).as(String.join(" ", args)).isEmpty();
        }
    }
}
