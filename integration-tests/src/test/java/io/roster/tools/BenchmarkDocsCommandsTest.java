package io.roster.tools;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/**
 * Every {@code ./roster bench ...} command docs/BENCHMARKS.md gives is accepted, as written, by the command line
 * (options and values; the redirections of its output are the shell's). The runs themselves, at a small size, are
 * in PushBenchCommandTest, RegisterAndHotBenchCommandTest, DataBenchCommandTest and ClusterBenchCommandsTest.
 */
class BenchmarkDocsCommandsTest {
    private static final Path DOC = Path.of("..", "docs", "BENCHMARKS.md");

    static List<List<String>> benchCommands() throws Exception {
        List<List<String>> commands = new ArrayList<>();
        for (String line : Files.readAllLines(DOC)) {
            for (String code : codeIn(line)) {
                int at = code.indexOf("./roster bench ");
                if (at < 0) {
                    continue;
                }
                List<String> words = new ArrayList<>();
                for (String w : code.substring(at + "./roster ".length()).trim().split("\\s+")) {
                    if (w.startsWith("2>") || w.startsWith(">") || w.equals("&") || w.equals("|")) {
                        break; // the shell's part
                    }
                    words.add(w);
                }
                commands.add(words);
            }
        }
        return commands;
    }

    /** The inline code spans of a prose line, or the whole line when it has none (a line of a code block). */
    private static List<String> codeIn(String line) {
        if (line.indexOf('`') < 0) {
            return List.of(line);
        }
        List<String> spans = new ArrayList<>();
        String[] parts = line.split("`", -1);
        for (int i = 1; i < parts.length; i += 2) {
            spans.add(parts[i]);
        }
        return spans;
    }

    @Test
    void everyBenchCommandOfTheDocsParsesAsWritten() throws Exception {
        List<List<String>> commands = benchCommands();

        assertThat(commands).as("the commands found in " + DOC).hasSizeGreaterThanOrEqualTo(17)
                .extracting(c -> c.get(1)).contains("failover", "data", "push", "register", "hot");
        for (List<String> c : commands) {
            assertThatCode(() -> RosterMain.commandLine().parseArgs(c.toArray(String[]::new)))
                    .as(String.join(" ", c)).doesNotThrowAnyException();
        }
    }

    @Test
    void aMisspelledOptionWouldBeCaught() {
        assertThatCode(() -> RosterMain.commandLine().parseArgs("bench", "hot", "--instance", "7"))
                .isInstanceOf(CommandLine.ParameterException.class);
    }
}
