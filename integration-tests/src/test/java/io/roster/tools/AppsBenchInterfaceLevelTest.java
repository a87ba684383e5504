package io.roster.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.roster.testkit.CapturedRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * `roster bench apps --level interface` on a small shape against a standalone node: the interface-level half of the
 * benchmark, which needs no application-level part of the cluster.
 */
@Timeout(180)
class AppsBenchInterfaceLevelTest {
    @RegisterExtension
    final StandaloneCluster cluster = new StandaloneCluster();

    @Test
    void countsEveryPublisherAndSubscriberAndThePushesOfAPodLeaving() throws Exception {
        CapturedRun run = CapturedCli.run("bench", "apps", "--level", "interface", "--json",
                "--sessions", cluster.sessionAddress(), "--meta", cluster.metaAddress(),
                "--admin", "127.0.0.1:" + cluster.node().adminPort(),
                "--providers", "3", "--interfaces", "4", "--consumers", "3", "--consumed", "2", "--consumer-clients", "2",
                "--settle-ms", "700", "--timeout-secs", "60");

        assertThat(run.exit()).as(run.toString()).isZero();
        assertThat(run.err()).contains("3 provider pods serving 4 interfaces on 3 SDK clients (one per pod), 3 consumer pods consuming 2 each on 2 shared SDK clients");
        JsonNode iface = new ObjectMapper().readTree(run.out()).get("levels").get(0);
        assertThat(iface.get("level").asText()).isEqualTo("interface");
        assertThat(iface.get("sessionPublishers").asLong()).isEqualTo(12);
        assertThat(iface.get("sessionSubscribers").asLong()).isEqualTo(6);
        assertThat(iface.get("dataPublishers").asLong()).as("one data node: one copy each").isEqualTo(12);
        assertThat(iface.get("consumerEntriesHeld").asLong()).as("6 lists of 3 providers").isEqualTo(18);
        assertThat(iface.get("leavePushes").asLong()).as("the pod's 4 interfaces: 2 of them to each consumer pod").isPositive();
        assertThat(iface.get("leavePushBytes").asLong()).isPositive();
    }
}
