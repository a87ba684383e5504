package io.roster.tools.options;

import io.roster.tools.RosterMain;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** --output with its --json alias on every read command, and --watch on status, nodes and slots. */
class OutputAndWatchOptionsTest {
    private static final List<List<String>> READ_COMMANDS = List.of(List.of("status"), List.of("nodes"), List.of("slots"),
            List.of("sessions"), List.of("apps"), List.of("app", "a"), List.of("interface", "i"), List.of("push", "status"),
            List.of("meta", "peers"), List.of("cluster", "status", "--dir", "d"), List.of("sub", "x"));

    private static OutputOption output(List<String> command, String... options) {
        String[] args = new String[command.size() + options.length];
        for (int i = 0; i < command.size(); i++) {
            args[i] = command.get(i);
        }
        System.arraycopy(options, 0, args, command.size(), options.length);
        ParseResult r = RosterMain.commandLine().parseArgs(args);
        while (r.hasSubcommand()) {
            r = r.subcommand();
        }
        return r.commandSpec().mixins().values().stream()
                .flatMap(m -> m.userObject() instanceof OutputOption o ? java.util.stream.Stream.of(o)
                        : m.mixins().values().stream().map(CommandLine.Model.CommandSpec::userObject)
                        .filter(OutputOption.class::isInstance).map(OutputOption.class::cast))
                .findFirst().orElseThrow(() -> new AssertionError(command + " has no --output"));
    }

    @Test
    void everyReadCommandTakesOutputTextOrJsonAndJsonAsItsAlias() {
        for (List<String> command : READ_COMMANDS) {
            assertThat(output(command).format()).as(command.toString()).isEqualTo(OutputOption.Format.text);
            assertThat(output(command, "--output", "json").json()).as(command.toString()).isTrue();
            assertThat(output(command, "-o", "text").json()).as(command.toString()).isFalse();
            assertThat(output(command, "--json").format()).as(command.toString()).isEqualTo(OutputOption.Format.json);
        }
    }

    @Test
    void anUnknownFormatIsBadUsage() {
        StringWriter err = new StringWriter();
        CommandLine cl = RosterMain.commandLine();
        cl.setErr(new PrintWriter(err, true));
        assertThat(cl.execute("status", "--output", "yaml")).isEqualTo(2);
        assertThat(err.toString()).contains("Invalid value for option '--output'", "text, json");
    }

    @Test
    void watchIsOnStatusNodesAndSlotsOnly() {
        for (String command : List.of("status", "nodes", "slots")) {
            ParseResult r = RosterMain.commandLine().parseArgs(command, "--watch", "2").subcommand();
            assertThat(r.matchedOptionValue("--watch", 0.0)).isEqualTo(2.0);
        }
        for (String command : List.of("sessions", "apps")) {
            assertThat(RosterMain.commandLine().getSubcommands().get(command).getCommandSpec().findOption("--watch")).isNull();
        }
    }

    @Test
    void watchIntervalMustBePositive() {
        WatchOption w = new WatchOption();
        assertThat(w.enabled()).isFalse();
        w.seconds = 0.5;
        assertThat(w.interval()).isEqualTo(Duration.ofMillis(500));
        StringWriter err = new StringWriter();
        CommandLine cl = RosterMain.commandLine();
        cl.setErr(new PrintWriter(err, true));
        assertThat(cl.execute("status", "--watch", "0", "--meta", "127.0.0.1:1")).isEqualTo(2);
        assertThat(err.toString()).isEqualTo("roster status: --watch must be between 0 and 86400 seconds, not 0.0" + System.lineSeparator());
    }

    @Test
    void helpWrittenToAPipeHasNoEscapeCodes() {
        // the CLI prints no colour of its own; picocli's help colours only when stdout is a terminal (Ansi.AUTO)
        StringWriter out = new StringWriter();
        CommandLine cl = RosterMain.commandLine();
        cl.setOut(new PrintWriter(out, true));
        assertThat(cl.execute("status", "--help")).isZero();
        assertThat(out.toString()).contains("--output=FORMAT", "--watch=SECONDS", "--verbose").doesNotContain("\u001b");
    }
}
