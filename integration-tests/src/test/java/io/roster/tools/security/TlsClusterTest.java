package io.roster.tools.security;

import io.roster.client.RosterClient;
import io.roster.common.config.ConfigKey;
import io.roster.common.config.ConfigKeys;
import io.roster.common.config.RosterConfig;
import io.roster.common.tls.TlsRole;
import io.roster.meta.MetaServer;
import io.roster.testkit.FreePorts;
import io.roster.testkit.MetaConfigs;
import io.roster.testkit.PushRecorder;
import io.roster.testkit.TempDirs;
import io.roster.tools.server.RosterNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * tls.enabled with tls.client-links on a whole cluster: a meta group of 3 (Raft over TLS), 2 data nodes
 * (replication over TLS) and 2 sessions; SDK clients with client certificates publish on one session and subscribe on
 * the other. Data nodes started without the cluster's credentials (TLS off, or another CA's node certificate)
 * never join: meta lists only the two real ones.
 */
@Timeout(180)
class TlsClusterTest {
    private final Path dataDir = TempDirs.create("roster-tls-cluster");
    private final TestCerts certs = TestCerts.create();
    private final TestCerts rogue = TestCerts.create();
    private final List<RosterNode> nodes = new ArrayList<>();
    private final List<RosterClient> clients = new ArrayList<>();

    @AfterEach
    void stop() {
        clients.forEach(RosterClient::close);
        for (int i = nodes.size() - 1; i >= 0; i--) {
            nodes.get(i).close();
        }
        TempDirs.delete(dataDir);
        certs.close();
        rogue.close();
    }

    @Test
    void theWholeRegistryWorksOverTlsAndNodesWithoutTheClustersCredentialsNeverJoin() {
        MetaConfigs group = MetaConfigs.group(dataDir, 3)
                .set(ConfigKeys.ADMIN_PORT, 0)
                .set(ConfigKeys.CLUSTER_SLOTS, 16)
                .set(ConfigKeys.CLUSTER_REPLICAS, 2)
                .set(ConfigKeys.HEARTBEAT_INTERVAL_MS, 200)
                .set(ConfigKeys.LEASE_DURATION_MS, 3000)
                .set(ConfigKeys.SESSION_PUSH_DEBOUNCE_MS, 10);
        certs.nodeSettings(true).forEach(group::set);
        group.members().forEach(this::start);
        await().atMost(Duration.ofSeconds(60)).until(() -> leader() != null);

        start(node(group, "data", ConfigKeys.DATA_PORT, Map.of()));
        start(node(group, "data", ConfigKeys.DATA_PORT, Map.of()));
        RosterNode session1 = start(node(group, "session", ConfigKeys.SESSION_PORT, Map.of()));
        RosterNode session2 = start(node(group, "session", ConfigKeys.SESSION_PORT, Map.of()));
        await().atMost(Duration.ofSeconds(60)).until(() -> leader() != null
                && leader().image().nodes().dataNodes().size() == 2 && leader().image().nodes().sessionNodes().size() == 2);

        RosterClient provider = client(session1, TlsRole.CLIENT);
        RosterClient consumer = client(session2, TlsRole.CLIENT);
        PushRecorder seen = new PushRecorder();
        consumer.subscribe("com.example.TlsCluster", seen::onData);
        provider.publish("com.example.TlsCluster", "10.1.1.1:20880");
        await().atMost(Duration.ofSeconds(30)).until(() -> List.of("10.1.1.1:20880").equals(seen.lastData()));

        start(node(group, "data", ConfigKeys.DATA_PORT, Map.of(ConfigKeys.TLS_ENABLED, false)));
        start(node(group, "data", ConfigKeys.DATA_PORT, rogue.nodeSettings(true)));
        start(node(group, "session", ConfigKeys.SESSION_PORT, rogue.nodeSettings(true)));
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).until(() -> leader() != null
                && leader().image().nodes().dataNodes().size() == 2 && leader().image().nodes().sessionNodes().size() == 2);
        provider.publish("com.example.TlsCluster", "10.1.1.2:20880");
        await().atMost(Duration.ofSeconds(30)).until(() -> seen.lastData() != null && seen.lastData().size() == 2);
    }

    private MetaServer leader() {
        return nodes.stream().map(RosterNode::meta).filter(m -> m != null && m.isLeader()).findFirst().orElse(null);
    }

    private RosterConfig node(MetaConfigs group, String roles, ConfigKey<Integer> portKey, Map<ConfigKey<?>, Object> extra) {
        RosterConfig.Builder b = group.node(roles).set(portKey, Integer.toString(FreePorts.free()));
        extra.forEach((k, v) -> b.set(k, String.valueOf(v)));
        return b.build();
    }

    private RosterNode start(RosterConfig config) {
        RosterNode node = new RosterNode(config);
        nodes.add(node);
        return node.start();
    }

    private RosterClient client(RosterNode session, TlsRole role) {
        RosterClient c = RosterClient.builder().sessions(session.session().address()).appName("app")
                .connectTimeout(Duration.ofSeconds(10)).tls(certs.keystore(role), certs.password(), certs.caPem()).build();
        clients.add(c);
        return c;
    }
}
