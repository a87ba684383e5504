package io.roster.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.roster.testkit.CapturedRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * NEEDS THE MERGED PARTS of issue 15 (publishApplication and subscribeInterface in the SDK, revisions in meta, the
 * session's providers lists): `roster bench apps` with both levels on a small shape against a standalone node.
 */
@Timeout(240)
class AppsBenchCommandTest {
    @RegisterExtension
    final StandaloneCluster cluster = new StandaloneCluster();

    private CapturedRun bench(String... more) {
        String[] base = {"bench", "apps", "--sessions", cluster.sessionAddress(), "--meta", cluster.metaAddress(),
                "--admin", "127.0.0.1:" + cluster.node().adminPort(), "--providers", "4", "--interfaces", "5",
                "--consumers", "3", "--consumed", "2", "--settle-ms", "700", "--timeout-secs", "60"};
        String[] args = new String[base.length + more.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(more, 0, args, base.length, more.length);
        return CapturedCli.run(args);
    }

    @Test
    void bothLevelsOnOneClusterAndTheirRatios() throws Exception {
        CapturedRun run = bench("--json");

        assertThat(run.exit()).as(run.toString()).isZero();
        JsonNode report = new ObjectMapper().readTree(run.out());
        JsonNode iface = report.get("levels").get(0);
        JsonNode app = report.get("levels").get(1);
        assertThat(iface.get("level").asText()).isEqualTo("interface");
        assertThat(app.get("level").asText()).isEqualTo("application");
        assertThat(iface.get("sessionPublishers").asLong()).isEqualTo(20);
        assertThat(app.get("sessionPublishers").asLong()).as("one per provider pod").isEqualTo(4);
        assertThat(app.get("dataPublishers").asLong()).isEqualTo(4);
        assertThat(iface.get("sessionSubscribers").asLong()).isEqualTo(6);
        assertThat(app.get("sessionSubscribers").asLong()).as("providers lists, interface lists and the shared app list")
                .isPositive();
        assertThat(app.get("leavePushes").asLong()).isPositive();
        assertThat(app.get("consumerEntriesHeld").asLong()).isPositive();
        assertThat(report.get("ratios").get("publishersReducedPercent").asDouble()).isEqualTo(80.0);
        assertThat(report.get("ratios").get("pushBytesRatio").isNumber()).isTrue();
    }

    @Test
    void theTableNamesBothLevels() {
        CapturedRun run = bench("--consumer-clients", "1", "--provider-clients", "2");

        assertThat(run.exit()).as(run.toString()).isZero();
        assertThat(run.out()).contains("4 provider pods serving 5 interfaces on 2 shared SDK clients",
                        "3 consumer pods consuming 2 each on 1 shared SDK clients", "publishers reduced: 80.0%")
                .containsPattern("interface\\s+20\\s+6\\s+20")
                .containsPattern("application\\s+4\\s+\\d+\\s+4");
    }
}
