package io.roster.tools;

import io.roster.testkit.CapturedRun;
import io.roster.tools.cluster.ClusterFile;
import io.roster.tools.cluster.LocalCluster;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The benches that take {@code --cluster DIR}, as docs/BENCHMARKS.md runs them, against one small local cluster of
 * node processes (roster cluster start: meta x3, data x2, session x1, 16 slots, the default lease: a shorter one
 * expired live nodes of a machine loaded by other builds): push, register, hot
 * (reading every node's /metrics from the cluster file), then failover with one run of each scenario. One cluster
 * for all, as starting six JVMs on two cores dominates the time; the cluster is stopped whatever happens.
 */
class ClusterBenchCommandsTest {
    private static final Pattern FAILOVER = Pattern.compile("(meta leader|data node) failover: median (\\d+) ms, max (\\d+) ms");

    @TempDir
    Path tmp;
    private Path dir;

    private boolean passed;

    @AfterEach
    void stopCluster() throws Exception {
        if (dir != null && Files.exists(ClusterFile.in(dir))) {
            if (!passed) {
                keepLogs();
            }
            LocalCluster cluster = LocalCluster.in(dir);
            cluster.stop();
            assertThat(cluster.nodes()).allSatisfy(n -> assertThat(cluster.processes().running(n)).as(n + " left running").isEmpty());
        }
    }

    @Test
    @Timeout(420)
    void everyClusterBenchRunsAtASmallSize() {
        dir = tmp.resolve("cluster");
        CapturedRun start = CapturedCli.run("cluster", "start", "--meta", "3", "--data", "2", "--session", "1", "--dir", dir.toString(),
                "--set", "session.push-debounce-ms=10", "--set", "cluster.slots=16");
        assertThat(start.exit()).as(start.toString()).isZero();
        String cluster = dir.toString();

        CapturedRun push = CapturedCli.run("bench", "push", "--cluster", cluster, "--subscribers", "20", "--services", "5",
                "--changes", "20", "--clients", "2", "--interval-ms", "1");
        assertThat(push.exit()).as(push.toString()).isZero();
        assertThat(push.out()).contains("latency (publish to listener): p50", "first-seen pushes");

        CapturedRun register = CapturedCli.run("bench", "register", "--cluster", cluster, "--publishers", "200", "--services", "4",
                "--clients", "2", "--in-flight", "4");
        assertThat(register.exit()).as(register.toString()).isZero();
        assertThat(register.out()).contains("registered 200 publishers in", "the subscribers had all of them after",
                "heap per publisher, session process at admin", "heap per publisher, data process at admin", "after a full GC: ");

        CapturedRun hot = CapturedCli.run("bench", "hot", "--cluster", cluster, "--instances", "50", "--subscribers", "5",
                "--clients", "2", "--publisher-clients", "1", "--changes", "5", "--interval-ms", "0");
        assertThat(hot.exit()).as(hot.toString()).isZero();
        assertThat(hot.out()).contains("phase A, full lists: 5 changes", "phase B, delta push: 5 changes",
                "bytes pushed (session.push.bytes)", "ms CPU of the session processes").doesNotContain("not read");

        CapturedRun failover = CapturedCli.run("bench", "failover", "--cluster", cluster, "--runs", "1", "--timeout-secs", "60");
        assertThat(failover.exit()).as(failover.toString()).isZero();
        Matcher m = FAILOVER.matcher(failover.out());
        int scenarios = 0;
        while (m.find()) {
            scenarios++;
            assertThat(Long.parseLong(m.group(2))).as(m.group()).isPositive().isLessThan(60_000);
        }
        assertThat(scenarios).as(failover.out()).isEqualTo(4); // each scenario's line, and again in the summary
        passed = true;
    }

    /** A failed run's node logs, copied out of the temporary directory for the reader: target/ClusterBenchCommandsTest-logs. */
    private void keepLogs() throws Exception {
        Path keep = Path.of("target", getClass().getSimpleName() + "-logs");
        Files.createDirectories(keep);
        try (var files = Files.walk(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".log")).toList()) {
                Files.copy(f, keep.resolve(f.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }
}
