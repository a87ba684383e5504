package io.roster.tools;

import io.roster.testkit.CapturedRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** `roster bench data` end to end on a small load: every figure is printed, and the copies it times were complete. */
@Timeout(180)
class DataBenchCommandTest {
    @TempDir
    Path dir;

    @Test
    void aSmallRunPrintsEveryFigure() {
        CapturedRun run = CapturedCli.run("bench", "data", "--publishers", "300", "--data-ids", "30", "--slots", "16",
                "--runs", "1", "--dir", dir.resolve("bench").toString());

        assertThat(run.exit()).as(run.toString()).isZero();
        assertThat(run.out()).contains("heap per publisher: ", "published 300 publishers",
                "promotion of", "from meta's table to ACCEPT", "loaded 300 publishers from RocksDB",
                "cold leader sync of 300 publishers", "holding 300 publishers");
    }

    @Test
    void anExistingDirectoryIsRefusedNamingTheOption() throws Exception {
        Files.createDirectories(dir.resolve("taken"));

        CapturedRun run = CapturedCli.run("bench", "data", "--dir", dir.resolve("taken").toString());

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("--dir", "exists");
    }
}
