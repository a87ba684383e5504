package io.roster.tools;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code roster status --watch} as its own process writing into a pipe: snapshot after snapshot from one JVM,
 * separated by blank lines, no escape codes, nothing on stderr, and it exits 0 once the reader closes the pipe.
 */
@Timeout(120)
class WatchProcessTest {
    @RegisterExtension
    final StandaloneCluster cluster = new StandaloneCluster();

    @TempDir
    Path work;

    @Test
    void watchPrintsSnapshotsIntoAPipeAndStopsWhenItCloses() throws Exception {
        Path err = work.resolve("err");
        Process p = RosterProcess.start(work, err, "status", "--watch", "0.2", "--meta", cluster.metaAddress());
        try {
            check(p, err);
        } finally {
            p.destroyForcibly().waitFor();
        }
    }

    private static void check(Process p, Path err) throws Exception {
        List<String> lines = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            long snapshots = 0;
            while (snapshots < 3) {
                String line = out.readLine();
                assertThat(line).as("stdout ended early: " + lines + " stderr: " + Files.readString(err)).isNotNull();
                lines.add(line);
                snapshots = lines.stream().filter(l -> l.startsWith("meta leader: ")).count();
            }
        } // closes our end of the pipe
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).as("roster status --watch still runs after its stdout closed").isTrue();
        assertThat(p.exitValue()).isZero();
        assertThat(Files.readString(err)).isEmpty();
        assertThat(String.join("\n", lines)).doesNotContain("\u001b");
        List<Integer> starts = java.util.stream.IntStream.range(0, lines.size())
                .filter(i -> lines.get(i).startsWith("meta leader: ")).boxed().toList();
        assertThat(starts.get(0)).isZero();
        assertThat(lines.get(starts.get(1) - 1)).as("the line before the second snapshot").isEmpty();
        assertThat(lines.get(starts.get(2) - 1)).as("the line before the third snapshot").isEmpty();
        assertThat(ProcessHandle.of(p.pid())).isEmpty();
    }
}
