package io.roster.tools;

import io.roster.testkit.CapturedRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/** `roster bench push` and `roster bench register` end to end on a small load against a standalone node. */
@Timeout(120)
class PushBenchCommandTest {
    @RegisterExtension
    final StandaloneCluster cluster = new StandaloneCluster();

    @Test
    void aSmallRunReportsLatencyAndPushes() {
        CapturedRun run = CapturedCli.run("bench", "push", "--sessions", cluster.sessionAddress(), "--subscribers", "20",
                "--services", "5", "--changes", "20", "--clients", "2", "--interval-ms", "1");

        assertThat(run.exit()).as(run.toString()).isZero();
        assertThat(run.out()).contains("20 subscribers over 5 services", "latency (publish to listener): p50",
                "first-seen pushes", "pushes: ");
    }

    @Test
    void aSmallRegisterRunReportsRegistrationsPerSecond() {
        CapturedRun run = CapturedCli.run("bench", "register", "--sessions", cluster.sessionAddress(), "--publishers", "200",
                "--services", "4", "--clients", "2");

        assertThat(run.exit()).as(run.toString()).isZero();
        assertThat(run.out()).contains("200 publishers over 4 services from 2 clients", "registered 200 publishers in",
                "the subscribers had all of them after");
    }

    @Test
    void badCountsAreRefused() {
        CapturedRun run = CapturedCli.run("bench", "push", "--sessions", cluster.sessionAddress(), "--services", "0");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("must be positive");
    }
}
