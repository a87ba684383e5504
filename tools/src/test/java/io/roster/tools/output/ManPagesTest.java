package io.roster.tools.output;

import io.roster.tools.RosterMain;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The man pages come from the same picocli model as --help: one per command, in plain roff. */
class ManPagesTest {
    @TempDir
    Path dir;

    @Test
    void everyCommandGetsAPageWithItsOptionsAndTheRootListsTheCommands() throws Exception {
        List<Path> pages = new ManPages("2026-12-05").writeAll(RosterMain.commandLine(), dir);

        assertThat(pages).extracting(p -> p.getFileName().toString())
                .contains("roster.1", "roster-status.1", "roster-slots.1", "roster-meta-peers.1", "roster-completion.1")
                .doesNotContain("roster-help.1");
        String status = Files.readString(dir.resolve("roster-status.1"));
        assertThat(status).startsWith(".TH \"ROSTER-STATUS\" \"1\" \"2026-12-05\"")
                .contains(".SH NAME\nroster\\-status \\- ", ".SH OPTIONS", ".B \\-o, \\-\\-output FORMAT",
                        ".B \\-w, \\-\\-watch SECONDS", ".B \\-\\-verbose");
        String root = Files.readString(dir.resolve("roster.1"));
        assertThat(root).contains(".SH COMMANDS", ".B status", "\\fBroster\\-status\\fR(1)", ".B meta");
        // no picocli markup and no line a roff reader would take for a request
        for (Path p : pages) {
            String text = Files.readString(p);
            assertThat(text).as(p.toString()).doesNotContain("@|");
            assertThat(text.lines().filter(l -> l.startsWith(".") && !l.matches("\\.(TH|SH|TP|B|PP) ?.*")))
                    .as(p.toString()).isEmpty();
        }
    }

    @Test
    void roffSpecialCharactersAreEscaped() {
        assertThat(ManPages.escape(".hidden")).isEqualTo("\\&.hidden");
        assertThat(ManPages.escape("a\\b --x")).isEqualTo("a\\\\b \\-\\-x");
        assertThat(ManPages.escape("@|bold roster|@ runs")).isEqualTo("roster runs");
    }
}
