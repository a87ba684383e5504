package io.roster.tools.levers;

import io.roster.client.RosterClient;
import io.roster.common.config.ConfigKeys;
import io.roster.common.config.RosterConfig;
import io.roster.meta.MetaServer;
import io.roster.testkit.FreePorts;
import io.roster.testkit.MetaConfigs;
import io.roster.testkit.TempDirs;
import io.roster.tools.server.RosterNode;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import static org.awaitility.Awaitility.await;

/**
 * The cluster the incident-lever tests need: a 3-node meta group (so its leadership can move), 2 data nodes and 2
 * sessions, each its own {@link RosterNode} in this JVM with an admin port and the admin token, plus the SDK clients
 * of a test. Closed clients first, then sessions, data and meta, then the data dir.
 */
final class LeverCluster implements AutoCloseable {
    static final String TOKEN = "lever-test-token-0123456789";

    private final Path dir = TempDirs.create("roster-levers");
    private final MetaConfigs group = MetaConfigs.group(dir, 3)
            .set(ConfigKeys.ADMIN_PORT, 0)
            .set(ConfigKeys.ADMIN_TOKEN, TOKEN)
            .set(ConfigKeys.CLUSTER_SLOTS, 16)
            .set(ConfigKeys.CLUSTER_REPLICAS, 2)
            .set(ConfigKeys.HEARTBEAT_INTERVAL_MS, 150)
            .set(ConfigKeys.LEASE_DURATION_MS, 3000)
            .set(ConfigKeys.RPC_TIMEOUT_MS, 1500)
            .set(ConfigKeys.SESSION_DIGEST_INTERVAL_MS, 500)
            .set(ConfigKeys.SESSION_PUSH_DEBOUNCE_MS, 10);
    private final List<RosterNode> metas = new ArrayList<>();
    private final List<RosterNode> data = new ArrayList<>();
    private final List<RosterNode> sessions = new ArrayList<>();
    private final List<RosterClient> clients = new ArrayList<>();

    LeverCluster start() {
        try {
            for (RosterConfig member : group.members()) {
                metas.add(new RosterNode(member));
            }
            metas.parallelStream().forEach(RosterNode::start);
            await().atMost(Duration.ofSeconds(30)).until(() -> leader() != null);
            for (int i = 0; i < 2; i++) {
                RosterNode node = new RosterNode(group.node("data").set(ConfigKeys.DATA_PORT, Integer.toString(FreePorts.free())).build());
                data.add(node.start());
            }
            for (int i = 0; i < 2; i++) {
                RosterNode node = new RosterNode(group.node("session").set(ConfigKeys.SESSION_PORT, Integer.toString(FreePorts.free())).build());
                sessions.add(node.start());
            }
            await().atMost(Duration.ofSeconds(40)).until(() -> {
                MetaServer leader = leader();
                return leader != null && leader.state().dataNodes().size() == 2 && leader.state().sessionNodes().size() == 2
                        && leader.state().slotTable().slotCount() > 0
                        && sessions.stream().allMatch(s -> s.session().view().slotTable().slotCount() > 0);
            });
            return this;
        } catch (RuntimeException | Error e) {
            close();
            throw e;
        }
    }

    /** The meta node leading now, or null. */
    MetaServer leader() {
        return metas.stream().filter(Objects::nonNull).map(RosterNode::meta).filter(MetaServer::isLeader).findFirst().orElse(null);
    }

    List<RosterNode> metas() {
        return metas;
    }

    String metaServers() {
        return group.metaServers();
    }

    RosterNode session(int index) {
        return sessions.get(index);
    }

    RosterNode data(int index) {
        return data.get(index);
    }

    String admin(RosterNode node) {
        return "127.0.0.1:" + node.adminPort();
    }

    /** An SDK client of session {@code index} only. */
    RosterClient client(String app, int index) {
        RosterClient c = RosterClient.builder().sessions(session(index).session().address()).appName(app)
                .connectTimeout(Duration.ofSeconds(10)).reconnectBackoff(Duration.ofMillis(50), Duration.ofMillis(300)).build();
        clients.add(c);
        return c;
    }

    /** Stops meta node {@code index} at once. */
    void stopMeta(int index) {
        metas.get(index).close();
    }

    Path dir() {
        return dir;
    }

    @Override
    public void close() {
        clients.forEach(RosterClient::close);
        for (List<RosterNode> nodes : List.of(sessions, data, metas)) {
            nodes.forEach(RosterNode::close);
        }
        TempDirs.delete(dir);
    }
}
