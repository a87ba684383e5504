package io.roster.tools.console;

import io.roster.client.RosterClient;
import io.roster.common.config.ConfigKeys;
import io.roster.common.model.Slot;
import io.roster.testkit.FreePorts;
import io.roster.testkit.MetaConfigs;
import io.roster.testkit.TempDirs;
import io.roster.tools.server.RosterNode;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.awaitility.Awaitility.await;

/**
 * The cluster the console is shown: a three-member meta group, two data nodes and two sessions, each its own
 * {@link RosterNode} with an admin port and the admin token, in this JVM on free loopback ports.
 */
final class ConsoleCluster implements AutoCloseable {
    static final int SLOTS = 64;

    private final Path dir = TempDirs.create("roster-console");
    private final List<RosterNode> meta = new ArrayList<>();
    private final List<RosterNode> data = new ArrayList<>();
    private final List<RosterNode> sessions = new ArrayList<>();
    private final List<RosterClient> clients = new ArrayList<>();

    static ConsoleCluster start(String adminToken) {
        ConsoleCluster c = new ConsoleCluster();
        try {
            c.open(adminToken);
            return c;
        } catch (RuntimeException | Error e) {
            c.close();
            throw e;
        }
    }

    private void open(String adminToken) {
        MetaConfigs configs = MetaConfigs.group(dir, 3)
                .set(ConfigKeys.ADMIN_PORT, 0)
                .set(ConfigKeys.ADMIN_TOKEN, adminToken)
                .set(ConfigKeys.CLUSTER_SLOTS, SLOTS)
                .set(ConfigKeys.CLUSTER_REPLICAS, 2)
                .set(ConfigKeys.META_MAX_MIGRATIONS, SLOTS)
                .set(ConfigKeys.HEARTBEAT_INTERVAL_MS, 200)
                .set(ConfigKeys.LEASE_DURATION_MS, 3000)
                .set(ConfigKeys.SESSION_PUSH_DEBOUNCE_MS, 10);
        configs.members().forEach(m -> meta.add(new RosterNode(m).start()));
        await().atMost(Duration.ofSeconds(30)).until(() -> meta.stream().anyMatch(n -> n.meta().isLeader()));
        for (int i = 0; i < 2; i++) {
            data.add(new RosterNode(configs.node("data").set(ConfigKeys.DATA_PORT, Integer.toString(FreePorts.free())).build()).start());
        }
        for (int i = 0; i < 2; i++) {
            sessions.add(new RosterNode(configs.node("session").set(ConfigKeys.SESSION_PORT, Integer.toString(FreePorts.free())).build()).start());
        }
        // every slot led, both data nodes in the table, and every node ready to serve
        await().atMost(Duration.ofSeconds(40)).until(() -> {
            List<Slot> slots = metaLeader().meta().state().slotTable().slots();
            return slots.size() == SLOTS && slots.stream().allMatch(Slot::hasLeader)
                    && dataAddresses().stream().allMatch(a -> slots.stream().anyMatch(s -> s.leader().equals(a)))
                    && data.stream().allMatch(RosterNode::isReady) && sessions.stream().allMatch(RosterNode::isReady)
                    && sessions.stream().allMatch(s -> s.session().view().dataNodes().size() == 2);
        });
    }

    RosterNode metaLeader() {
        return meta.stream().filter(n -> n.meta().isLeader()).findFirst().orElseThrow();
    }

    List<String> metaPeers() {
        return meta.stream().map(n -> n.meta().address()).toList();
    }

    List<String> dataAddresses() {
        return data.stream().map(n -> n.data().address()).toList();
    }

    List<String> sessionAddresses() {
        return sessions.stream().map(n -> n.session().address()).toList();
    }

    /** The admin port of session {@code index}'s process: the console works from any process's port. */
    int sessionAdminPort(int index) {
        return sessions.get(index).adminPort();
    }

    /** An SDK client of session {@code index}, closed with the cluster. */
    RosterClient client(int index, String app) {
        RosterClient c = RosterClient.builder().sessions(sessionAddresses().get(index)).appName(app)
                .connectTimeout(Duration.ofSeconds(10)).build();
        clients.add(c);
        return c;
    }

    @Override
    public void close() {
        List<AutoCloseable> all = new ArrayList<>(clients);
        all.addAll(sessions);
        all.addAll(data);
        all.addAll(meta);
        for (AutoCloseable c : all) {
            try {
                c.close();
            } catch (Exception e) {
                // keep closing the rest
            }
        }
        TempDirs.delete(dir);
    }
}
