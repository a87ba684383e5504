package io.roster.tools.replication;

import com.codahale.metrics.MetricRegistry;
import io.roster.common.config.ConfigKey;
import io.roster.common.config.ConfigKeys;
import io.roster.common.config.RosterConfig;
import io.roster.common.model.NodeInfo;
import io.roster.common.model.ProcessId;
import io.roster.common.model.Slot;
import io.roster.common.model.SlotTable;
import io.roster.common.slot.SlotFunction;
import io.roster.datastore.DataServer;
import io.roster.meta.state.MetaState;
import io.roster.session.SessionServer;
import io.roster.testkit.FreePorts;
import io.roster.testkit.MetaConfigs;
import io.roster.tools.server.RosterNode;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An in-process cluster for replication tests: one meta node (roles=meta), data nodes (roles=data) and session nodes
 * (roles=session), each its own {@link RosterNode} on fixed free loopback ports, all sharing one data dir. A data
 * node keeps its port across a restart, so it reloads its RocksDB copy (roster.data-dir/data-PORT).
 *
 * <p>Timings are small so a failover takes about two seconds: heartbeat 150 ms, lease 1500 ms.
 */
final class ReplicationCluster implements AutoCloseable {
    static final int SLOTS = 32;
    static final int REPLICAS = 2;
    static final Duration SETTLE = Duration.ofSeconds(40);

    private final RosterConfig base;
    private final RosterNode meta;
    /** Live data nodes by address, in start order. */
    private final Map<String, RosterNode> data = new LinkedHashMap<>();
    /** Session nodes by index; null once stopped. */
    private final List<RosterNode> sessions = new ArrayList<>();
    private final List<String> sessionAddresses = new ArrayList<>();
    private final SlotFunction slotFunction = new SlotFunction(SLOTS);

    private ReplicationCluster(Path dataDir, Map<ConfigKey<?>, String> settings) {
        MetaConfigs metaGroup = MetaConfigs.group(dataDir, 1)
                .set(ConfigKeys.ADMIN_PORT, 0)
                .set(ConfigKeys.CLUSTER_SLOTS, SLOTS)
                .set(ConfigKeys.CLUSTER_REPLICAS, REPLICAS)
                .set(ConfigKeys.META_MAX_MIGRATIONS, 32)
                .set(ConfigKeys.HEARTBEAT_INTERVAL_MS, 150)
                .set(ConfigKeys.LEASE_DURATION_MS, 1500)
                .set(ConfigKeys.RPC_TIMEOUT_MS, 1000)
                .set(ConfigKeys.DATA_REPLICA_SYNC_INTERVAL_MS, 500)
                .set(ConfigKeys.DATA_MIGRATION_TIMEOUT_MS, 1000)
                .set(ConfigKeys.SESSION_DIGEST_INTERVAL_MS, 500)
                .set(ConfigKeys.SESSION_PUSH_DEBOUNCE_MS, 10);
        settings.forEach(metaGroup::set);
        this.base = metaGroup.node("data").build();
        this.meta = new RosterNode(metaGroup.member(0));
    }

    /**
     * Starts meta, {@code dataNodes} data nodes and {@code sessionNodes} sessions with {@code settings} over the test
     * timings, and waits until balanced. Tests get one through {@link ReplicationClusters}, which closes it.
     */
    static ReplicationCluster start(Path dataDir, int dataNodes, int sessionNodes, Map<ConfigKey<?>, String> settings) {
        ReplicationCluster c = new ReplicationCluster(dataDir, settings);
        try {
            c.meta.start();
            await().atMost(SETTLE).until(() -> c.meta.meta().isLeader());
            for (int i = 0; i < dataNodes; i++) {
                c.addDataNode();
            }
            for (int i = 0; i < sessionNodes; i++) {
                c.addSession();
            }
            c.awaitBalanced();
            return c;
        } catch (RuntimeException | Error e) {
            c.close();
            throw e;
        }
    }

    /** Starts a data node on a new free port; returns its address. */
    String addDataNode() {
        return startData(FreePorts.free()).address();
    }

    /** Starts a data node again on the port of one stopped before, so it reloads that node's RocksDB copy. */
    DataServer restartData(String address) {
        if (data.containsKey(address)) {
            throw new IllegalStateException("data node " + address + " is running");
        }
        return startData(Integer.parseInt(address.substring(address.lastIndexOf(':') + 1)));
    }

    private DataServer startData(int port) {
        RosterNode node = new RosterNode(base.with(ConfigKeys.ROLES, "data").with(ConfigKeys.DATA_PORT, Integer.toString(port)));
        node.start();
        data.put(node.data().address(), node);
        return node.data();
    }

    /** Closes a data node at once: no goodbye to meta, which expires it after the lease. Returns its process id. */
    ProcessId stopData(String address) {
        RosterNode node = Objects.requireNonNull(data.remove(address), () -> "no live data node at " + address);
        ProcessId id = node.data().processId();
        node.close();
        return id;
    }

    void addSession() {
        RosterNode node = new RosterNode(base.with(ConfigKeys.ROLES, "session")
                .with(ConfigKeys.SESSION_PORT, Integer.toString(FreePorts.free())));
        node.start();
        sessions.add(node);
        sessionAddresses.add(node.session().address());
    }

    /** Closes session {@code index} at once; returns its process id. */
    ProcessId stopSession(int index) {
        RosterNode node = Objects.requireNonNull(sessions.get(index), () -> "session " + index + " already stopped");
        sessions.set(index, null);
        ProcessId id = node.session().processId();
        node.close();
        return id;
    }

    /** The admin HTTP port of the meta node. */
    int metaAdminPort() {
        return meta.adminPort();
    }

    String metaAddress() {
        return String.join(",", base.metaServers());
    }

    String sessionAddress(int index) {
        return sessionAddresses.get(index);
    }

    /** The metrics of session {@code index}'s node. */
    MetricRegistry sessionMetrics(int index) {
        return Objects.requireNonNull(sessions.get(index), () -> "session " + index + " is stopped").metrics();
    }

    /** The sum of counter {@code name} over the live data nodes. */
    long dataCounter(String name) {
        return data.values().stream().mapToLong(n -> n.metrics().counter(name).getCount()).sum();
    }

    /** The sum of integer gauge {@code name} over the live data nodes. */
    long dataGauge(String name) {
        return data.values().stream().mapToLong(n -> ((Number) n.metrics().getGauges().get(name).getValue()).longValue()).sum();
    }

    SessionServer session(int index) {
        return Objects.requireNonNull(sessions.get(index), () -> "session " + index + " is stopped").session();
    }

    List<SessionServer> liveSessions() {
        return sessions.stream().filter(Objects::nonNull).map(RosterNode::session).toList();
    }

    MetaState metaState() {
        return meta.meta().state();
    }

    SlotTable slotTable() {
        return metaState().slotTable();
    }

    List<String> liveDataAddresses() {
        return List.copyOf(data.keySet());
    }

    List<DataServer> liveData() {
        return data.values().stream().map(RosterNode::data).toList();
    }

    /** The live data node at {@code address}, or null when none runs there. */
    DataServer data(String address) {
        RosterNode node = data.get(address);
        return node == null ? null : node.data();
    }

    int slotOf(String dataInfoId) {
        return slotFunction.slotOf(dataInfoId);
    }

    /** The data address leading {@code dataInfoId}'s slot in meta's table. */
    String leaderAddressOf(String dataInfoId) {
        return slotTable().slot(slotOf(dataInfoId)).leader();
    }

    /** Every address that holds a copy of {@code slot} in meta's table: leader first, then followers. */
    List<String> holdersOf(int slot) {
        Slot s = slotTable().slot(slot);
        List<String> out = new ArrayList<>();
        out.add(s.leader());
        out.addAll(s.followers());
        return out;
    }

    /** The data address leading the most slots now. */
    String busiestLeader() {
        return slotTable().leaderCounts().entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
    }

    boolean metaLists(ProcessId process) {
        return metaState().allNodes().stream().map(NodeInfo::processId).anyMatch(process::equals);
    }

    /** Waits until meta has expired {@code process} (its lease ran out). */
    void awaitExpired(ProcessId process) {
        await().atMost(SETTLE).until(() -> !metaLists(process));
    }

    /** Waits until {@link ClusterStability#problems} finds nothing: live leaders, ready data nodes, one table everywhere. */
    void awaitStable() {
        await().atMost(SETTLE).pollInterval(Duration.ofMillis(50))
                .untilAsserted(() -> assertThat(ClusterStability.problems(this)).as("cluster not stable").isEmpty());
    }

    /** As {@link #awaitStable()}, and the slot scheduler has nothing left to move (leaders and replicas balanced). */
    void awaitBalanced() {
        await().atMost(SETTLE).pollInterval(Duration.ofMillis(50)).untilAsserted(() -> {
            assertThat(ClusterStability.problems(this)).as("cluster not stable").isEmpty();
            assertThat(ClusterStability.unbalanced(this)).as("slot table not balanced").isEmpty();
        });
    }

    @Override
    public void close() {
        for (RosterNode s : sessions) {
            if (s != null) {
                s.close();
            }
        }
        sessions.replaceAll(s -> null);
        data.values().forEach(RosterNode::close);
        data.clear();
        meta.close();
    }
}
