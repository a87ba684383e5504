package io.roster.tools;

import io.roster.common.config.ConfigKeys;
import io.roster.testkit.CapturedRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * `roster bench flood` end to end at a small size against a standalone node with a small client rate: both phases
 * and the ratio are printed, and the flood was held to the rate (most of its calls RATE_LIMITED). Not timings.
 */
@Timeout(120)
class FloodBenchCommandTest {
    private static final Pattern FLOOD = Pattern.compile(
            "flood during the phase \\([\\d.]+ s\\): (\\d+) calls sent \\(\\d+/s\\), (\\d+) accepted \\(\\d+/s\\), (\\d+) RATE_LIMITED");

    @RegisterExtension
    final StandaloneCluster cluster = new StandaloneCluster()
            .with(ConfigKeys.SESSION_RATE_LIMIT_CLIENT_PER_SEC, 50)
            .with(ConfigKeys.SESSION_RATE_LIMIT_CLIENT_BURST, 50);

    @Test
    void printsBothPhasesTheRatioAndWhatTheFloodGot() {
        CapturedRun run = CapturedCli.run("bench", "flood", "--sessions", cluster.sessionAddress(), "--clients", "2",
                "--services", "3", "--changes", "30", "--interval-ms", "5", "--flood-in-flight", "16", "--warmup-ms", "300");

        assertThat(run.exit()).as(run.toString()).isZero();
        assertThat(run.out()).contains("flood benchmark: 2 clients x 3 services, 30 changes every 5 ms per phase",
                "without flood: p50", "with flood: p50", "ratio with/without flood: p50");
        Matcher flood = FLOOD.matcher(run.out());
        assertThat(flood.find()).as(run.out()).isTrue();
        long accepted = Long.parseLong(flood.group(2)), limited = Long.parseLong(flood.group(3));
        assertThat(limited).as(run.out()).isPositive();
        assertThat(accepted).as("held near 50 per second").isLessThan(limited + 200);
    }
}
