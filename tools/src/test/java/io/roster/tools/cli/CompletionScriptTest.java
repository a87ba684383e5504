package io.roster.tools.cli;

import io.roster.tools.RosterMain;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code roster completion bash}, run by bash: the completions its function offers for a few command lines, the way
 * bash asks for them (COMP_WORDS / COMP_CWORD, then COMPREPLY).
 */
class CompletionScriptTest {
    @TempDir
    Path dir;

    private static String generated(String shell) {
        StringWriter out = new StringWriter();
        CommandLine cl = RosterMain.commandLine();
        cl.setOut(new PrintWriter(out, true));
        assertThat(cl.execute("completion", shell)).isZero();
        return out.toString();
    }

    /** What bash offers after {@code words} (the last one is the word being completed, possibly empty). */
    private List<String> complete(String script, String... words) throws Exception {
        Path file = dir.resolve("roster-completion.bash");
        Files.writeString(file, script);
        StringBuilder array = new StringBuilder();
        for (String w : words) {
            array.append('\'').append(w).append("' ");
        }
        String line = String.join(" ", words);
        String probe = "source '" + file + "'\n"
                + "compopt() { :; }\n" // a builtin that only works while bash itself is completing
                + "COMP_WORDS=(" + array + ")\n"
                + "COMP_CWORD=" + (words.length - 1) + "\n"
                + "COMP_LINE='" + line + "'\nCOMP_POINT=${#COMP_LINE}\n"
                + "_complete_roster roster '" + words[words.length - 1] + "' '" + words[words.length - 2] + "'\n"
                + "printf '%s\\n' \"${COMPREPLY[@]}\"\n";
        Process p = new ProcessBuilder("bash", "--norc", "--noprofile", "-c", probe).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out.lines().map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    @Test
    void bashCompletesCommandsSubcommandsOptionsAndTheirValues() throws Exception {
        String script = generated("bash");
        assertThat(complete(script, "roster", "st")).containsExactly("status");
        assertThat(complete(script, "roster", "s")).contains("status", "slots", "sessions", "server", "sub")
                .doesNotContain("meta", "nodes");
        assertThat(complete(script, "roster", "me")).containsExactly("meta");
        assertThat(complete(script, "roster", "meta", "pe")).containsExactly("peers");
        assertThat(complete(script, "roster", "status", "--o")).containsExactly("--output");
        assertThat(complete(script, "roster", "slots", "--w")).containsExactly("--watch");
        assertThat(complete(script, "roster", "status", "--output", "")).containsExactlyInAnyOrder("text", "json");
        assertThat(complete(script, "roster", "completion", "")).contains("bash", "zsh");
    }

    @Test
    void zshGetsTheSameScriptWhichLoadsBashcompinitItself() {
        String zsh = generated("zsh");
        assertThat(zsh).startsWith("# roster completion for zsh").contains("bashcompinit").endsWith(generated("bash"));
    }
}
