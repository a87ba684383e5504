package io.roster.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.roster.common.config.ConfigKeys;
import io.roster.testkit.CapturedRun;
import io.roster.testkit.FreePorts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** {@code roster nodes} and {@code roster slots} against a standalone node in this JVM. */
@Timeout(120)
class NodesSlotsCliTest {
    @RegisterExtension
    final StandaloneCluster cluster = new StandaloneCluster();
    private String dataAddress;
    private String sessionAddress;
    private final ObjectMapper json = new ObjectMapper();

    @BeforeEach
    void start() {
        dataAddress = "127.0.0.1:" + cluster.config().get(ConfigKeys.DATA_PORT);
        sessionAddress = cluster.sessionAddress();
    }

    @Test
    void nodesListsDataAndSessionWithPidAndHeartbeatAge() throws Exception {
        await().atMost(Duration.ofSeconds(20)).until(() -> CapturedCli.run("nodes", "--meta", cluster.metaAddress()).out()
                .contains("1 data, 1 session nodes live"));
        CapturedRun text = CapturedCli.run("nodes", "--meta", cluster.metaAddress());
        assertThat(text.exit()).as(text.toString()).isZero();
        long pid = ProcessHandle.current().pid();
        assertThat(text.out()).containsPattern("data\\s+" + dataAddress.replace(".", "\\.") + "\\s+" + pid + "\\s+\\d+ms")
                .containsPattern("session\\s+" + sessionAddress.replace(".", "\\.") + "\\s+" + pid + "\\s+\\d+ms");

        JsonNode nodes = json.readTree(CapturedCli.run("nodes", "--json", "--meta", cluster.metaAddress()).out()).get("nodes");
        assertThat(nodes).hasSize(2);
        JsonNode data = nodes.get(0);
        assertThat(data.get("role").asText()).isEqualTo("data");
        assertThat(data.get("address").asText()).isEqualTo(dataAddress);
        assertThat(data.get("pid").asLong()).isEqualTo(pid);
        assertThat(data.get("millisSinceHeartbeat").asLong()).isGreaterThanOrEqualTo(0);
        assertThat(nodes.get(1).get("role").asText()).isEqualTo("session");
    }

    @Test
    void slotsShowsTheEpochAndWhatEachDataNodeLeads() throws Exception {
        CapturedRun text = CapturedCli.run("slots", "--meta", cluster.metaAddress());
        assertThat(text.exit()).as(text.toString()).isZero();
        assertThat(text.out()).containsPattern("slot table: epoch [1-9]\\d*, 256 slots\\n")
                .containsPattern(dataAddress.replace(".", "\\.") + "\\s+yes\\s+256\\s+0");

        CapturedRun all = CapturedCli.run("slots", "--all", "--meta", cluster.metaAddress());
        assertThat(all.out()).contains("LEADER EPOCH")
                .containsPattern("\\n\\s+0 " + dataAddress.replace(".", "\\.") + "\\s+\\d+  -\\n")
                .containsPattern("\\n\\s+255 " + dataAddress.replace(".", "\\."));

        JsonNode tree = json.readTree(CapturedCli.run("slots", "--json", "--all", "--meta", cluster.metaAddress()).out());
        assertThat(tree.get("epoch").asLong()).isPositive();
        assertThat(tree.get("slotCount").asInt()).isEqualTo(256);
        assertThat(tree.get("nodes").get(0).get("leads").asInt()).isEqualTo(256);
        assertThat(tree.get("nodes").get(0).get("ledSlots")).hasSize(256);
        assertThat(tree.get("slots")).hasSize(256);
        assertThat(tree.get("slots").get(7).get("leader").asText()).isEqualTo(dataAddress);

        JsonNode brief = json.readTree(CapturedCli.run("slots", "--json", "--meta", cluster.metaAddress()).out());
        assertThat(brief.has("slots")).isFalse();
    }

    @Test
    void withNoMetaBothFailWithOneLine() {
        String nowhere = "127.0.0.1:" + FreePorts.free();
        for (String cmd : new String[]{"nodes", "slots"}) {
            CapturedRun run = CapturedCli.run(cmd, "--timeout-ms", "500", "--meta", nowhere);
            assertThat(run.exit()).as(run.toString()).isEqualTo(1);
            assertThat(run.err()).startsWith("roster " + cmd + ": no meta server answered").doesNotContain("\tat ");
            assertThat(run.err().strip()).doesNotContain("\n");
            assertThat(CapturedCli.run(cmd, "--meta", "nowhere").exit()).isEqualTo(2);
        }
    }
}
