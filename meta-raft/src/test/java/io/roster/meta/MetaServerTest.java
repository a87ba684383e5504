package io.roster.meta;

import io.roster.common.config.ConfigKeys;
import io.roster.common.config.RosterConfig;
import io.roster.testkit.FreePorts;
import io.roster.common.model.NodeInfo;
import io.roster.common.model.NodeRole;
import io.roster.common.model.ProcessId;
import io.roster.common.model.ReplicaRole;
import io.roster.common.model.Slot;
import io.roster.common.model.SlotReplicaState;
import io.roster.common.model.SlotTable;
import io.roster.common.rpc.PortInUseException;
import io.roster.common.rpc.RpcCaller;
import io.roster.common.util.NamedThreads;
import io.roster.common.wire.ClusterStatusReply;
import io.roster.common.wire.ClusterStatusRequest;
import io.roster.common.wire.ErrorCode;
import io.roster.common.wire.HeartbeatReply;
import io.roster.common.wire.HeartbeatRequest;
import io.roster.common.wire.NodeStatus;
import io.roster.meta.state.MetaState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** A one-node meta group on a real port, with data and session nodes played by raw heartbeats. */
@Timeout(60)
class MetaServerTest {
    private static final int SLOTS = 16;
    private static final int RPC_TIMEOUT_MS = 2_000;
    private static final NodeInfo DATA = node(NodeRole.DATA, "127.0.0.1:19621");
    private static final NodeInfo DATA_2 = node(NodeRole.DATA, "127.0.0.1:19622");
    private static final NodeInfo SESSION = node(NodeRole.SESSION, "127.0.0.1:19601");

    @TempDir
    Path dataDir;

    private final List<AutoCloseable> toClose = new ArrayList<>();
    private final RpcCaller caller = new RpcCaller();

    private static NodeInfo node(NodeRole role, String address) {
        return new NodeInfo(role, address, new ProcessId(address, System.currentTimeMillis(), ProcessHandle.current().pid()));
    }

    @AfterEach
    void tearDown() throws Exception {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
        caller.close();
    }

    private RosterConfig config(int port, Path dir, int leaseMs) {
        return RosterConfig.builder()
                .set(ConfigKeys.HOST, "127.0.0.1")
                .set(ConfigKeys.META_PORT, Integer.toString(port))
                .set(ConfigKeys.DATA_DIR, dir.toString())
                .set(ConfigKeys.META_ELECTION_TIMEOUT_MS, "500")
                .set(ConfigKeys.CLUSTER_SLOTS, Integer.toString(SLOTS))
                .set(ConfigKeys.CLUSTER_REPLICAS, "2")
                .set(ConfigKeys.LEASE_DURATION_MS, Integer.toString(leaseMs))
                .set(ConfigKeys.HEARTBEAT_INTERVAL_MS, "100")
                .set(ConfigKeys.RPC_TIMEOUT_MS, Integer.toString(RPC_TIMEOUT_MS))
                .build();
    }

    private MetaServer start(RosterConfig config) {
        MetaServer server = new MetaServer(config);
        toClose.add(server);
        server.start();
        await().atMost(Duration.ofSeconds(20)).until(server::isLeader);
        return server;
    }

    private HeartbeatReply heartbeat(MetaServer server, NodeInfo node, long knownEpoch) {
        return caller.call(server.address(), new HeartbeatRequest(node, knownEpoch, 5, 6, 7), HeartbeatReply.class, RPC_TIMEOUT_MS);
    }

    /** The first heartbeat the leader answers with OK (it may ask to retry while it is catching up). */
    private HeartbeatReply firstAnswer(MetaServer server, NodeInfo node) {
        AtomicReference<HeartbeatReply> reply = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(20)).until(() -> {
            HeartbeatReply r = heartbeat(server, node, 0);
            reply.set(r);
            return r.code() != ErrorCode.UNAVAILABLE;
        });
        return reply.get();
    }

    /** Heartbeats {@code nodes} every 100 ms, as live nodes do; stopped by tearDown or by closing it. */
    private ScheduledExecutorService keepAlive(MetaServer server, NodeInfo... nodes) {
        ScheduledExecutorService beats = NamedThreads.scheduler("test-heartbeats");
        toClose.add(() -> NamedThreads.shutdown(beats));
        beats.scheduleWithFixedDelay(() -> {
            for (NodeInfo n : nodes) {
                try {
                    heartbeat(server, n, 0);
                } catch (RuntimeException ignored) {
                    // a missed beat is what leases are for
                }
            }
        }, 0, 100, TimeUnit.MILLISECONDS);
        return beats;
    }

    @Test
    void heartbeatsAdmitNodesAndSilenceExpiresThem() {
        // 2 s of lease against 100 ms beats: a stall of the 2-core machine must not expire a node mid-test.
        MetaServer meta = start(config(FreePorts.free(), dataDir, 2000));
        ScheduledExecutorService beats = keepAlive(meta, DATA, SESSION);

        HeartbeatReply first = firstAnswer(meta, DATA);
        assertThat(first.code()).isEqualTo(ErrorCode.OK);
        assertThat(first.leaderAddress()).isEqualTo(meta.address());
        assertThat(first.slotTable()).as("the admitting reply carries the table that places the node").isNotNull();
        assertThat(first.slotTable().epoch()).isGreaterThanOrEqualTo(1);
        assertThat(first.slotTable().slots()).hasSize(SLOTS).allSatisfy(s -> {
            assertThat(s.leader()).isEqualTo(DATA.address());
            assertThat(s.leaderEpoch()).isGreaterThanOrEqualTo(1);
        });
        assertThat(first.dataNodes()).containsExactly(DATA);

        HeartbeatReply session = heartbeat(meta, SESSION, first.slotTable().epoch());
        assertThat(session.code()).isEqualTo(ErrorCode.OK);
        assertThat(session.slotTable()).as("no table when the node already knows this epoch").isNull();
        assertThat(session.dataNodes()).containsExactly(DATA);
        assertThat(session.sessionNodes()).containsExactly(SESSION);
        // the keep-alive beats may have admitted both nodes in one entry
        assertThat(session.metaVersion()).as("the applied index of the state it was read from")
                .isGreaterThanOrEqualTo(first.metaVersion()).isPositive();

        ClusterStatusReply status = caller.call(meta.address(), new ClusterStatusRequest("test"), ClusterStatusReply.class,
                RPC_TIMEOUT_MS);
        assertThat(status.code()).isEqualTo(ErrorCode.OK);
        assertThat(status.leaderAddress()).isEqualTo(meta.address());
        assertThat(status.metaPeers()).containsExactly(meta.address());
        assertThat(status.nodes()).extracting(NodeStatus::node).containsExactlyInAnyOrder(DATA, SESSION);
        assertThat(status.nodes()).allSatisfy(n -> {
            assertThat(n.publishers()).isEqualTo(5);
            assertThat(n.clients()).isEqualTo(7);
            assertThat(n.millisSinceHeartbeat()).isLessThan(2000);
        });
        assertThat(status.slotTable()).isEqualTo(meta.state().slotTable());
        assertThat(meta.peers()).containsExactly(meta.address());
        assertThat(meta.leaderAddress()).isEqualTo(meta.address());

        NamedThreads.shutdown(beats);
        await().atMost(Duration.ofSeconds(10)).until(() -> meta.state().allNodes().isEmpty());
        MetaState after = meta.state();
        assertThat(after.slotTable().epoch()).isGreaterThan(first.slotTable().epoch());
        assertThat(after.slotTable().slots()).hasSize(SLOTS).noneMatch(Slot::hasLeader);
    }

    @Test
    void theStatusNamesTheSlotsWhoseFollowerCopiesAreNotReportedCaughtUp() {
        MetaServer meta = start(config(FreePorts.free(), dataDir, 2000));
        AtomicReference<SlotTable> table = new AtomicReference<>(SlotTable.EMPTY);
        AtomicBoolean reportCaughtUp = new AtomicBoolean();
        ScheduledExecutorService beats = NamedThreads.scheduler("test-heartbeats");
        toClose.add(() -> NamedThreads.shutdown(beats));
        beats.scheduleWithFixedDelay(() -> {
            for (NodeInfo n : List.of(DATA, DATA_2)) {
                SlotTable known = table.get();
                List<SlotReplicaState> copies = !reportCaughtUp.get() ? List.of() : known.slots().stream()
                        .filter(s -> s.followers().contains(n.address()))
                        .map(s -> new SlotReplicaState(s.id(), s.leaderEpoch(), ReplicaRole.FOLLOWER, true)).toList();
                try {
                    HeartbeatReply r = caller.call(meta.address(), new HeartbeatRequest(n, known.epoch(), 0, 0, 0, copies),
                            HeartbeatReply.class, RPC_TIMEOUT_MS);
                    if (r.slotTable() != null) {
                        table.accumulateAndGet(r.slotTable(), (a, b) -> b.epoch() > a.epoch() ? b : a);
                    }
                } catch (RuntimeException ignored) {
                    // a missed beat is what leases are for
                }
            }
        }, 0, 100, TimeUnit.MILLISECONDS);

        // nothing reported caught up: every slot that got a follower copy is migrating, and only those
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            ClusterStatusReply status = caller.call(meta.address(), new ClusterStatusRequest("test"), ClusterStatusReply.class, RPC_TIMEOUT_MS);
            List<Integer> withFollowers = status.slotTable().slots().stream().filter(s -> !s.followers().isEmpty()).map(Slot::id).toList();
            assertThat(withFollowers).isNotEmpty();
            assertThat(status.migratingSlots()).containsExactlyElementsOf(withFollowers);
        });

        reportCaughtUp.set(true);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            ClusterStatusReply status = caller.call(meta.address(), new ClusterStatusRequest("test"), ClusterStatusReply.class, RPC_TIMEOUT_MS);
            assertThat(status.slotTable().slots()).allSatisfy(s -> assertThat(s.followers()).hasSize(1));
            assertThat(status.migratingSlots()).isEmpty();
        });
    }

    @Test
    void restartRestoresTheStateFromTheLogAndFromASnapshot() throws Exception {
        int port = FreePorts.free();
        // a long lease: nothing expires while the servers restart
        RosterConfig config = config(port, dataDir, 30_000);
        MetaServer first = start(config);
        assertThat(firstAnswer(first, DATA).code()).isEqualTo(ErrorCode.OK);
        assertThat(firstAnswer(first, SESSION).code()).isEqualTo(ErrorCode.OK);
        MetaState before = first.state();
        assertThat(before.dataNodes()).containsExactly(DATA);
        assertThat(before.slotTable().epoch()).isGreaterThanOrEqualTo(1);
        first.close();

        MetaServer second = start(config);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(second.state()).isEqualTo(before));
        assertThat(second.snapshot().get(10, TimeUnit.SECONDS).isOk()).isTrue();
        assertThat(firstAnswer(second, DATA_2).code()).isEqualTo(ErrorCode.OK);
        MetaState withSecondDataNode = second.state();
        assertThat(withSecondDataNode.dataNodes()).containsExactly(DATA, DATA_2);
        // A joining node first gets follower copies; it leads only after reporting them caught up, which these
        // raw heartbeats never do, so the table stays put and the restarts below must bring back exactly this.
        assertThat(withSecondDataNode.slotTable().leaderCounts()).containsOnlyKeys(DATA.address());
        assertThat(withSecondDataNode.slotTable().slots()).anySatisfy(s -> assertThat(s.followers()).containsExactly(DATA_2.address()));
        second.close();
        assertThat(Files.list(dataDir.resolve("meta-" + port).resolve("snapshot")).toList()).isNotEmpty();

        MetaServer third = start(config);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(third.state()).isEqualTo(withSecondDataNode));
        // the version nodes compare replies by survives the snapshot and the restart
        assertThat(withSecondDataNode.appliedIndex()).isGreaterThan(before.appliedIndex()).isPositive();
        assertThat(third.state().appliedIndex()).isGreaterThanOrEqualTo(withSecondDataNode.appliedIndex());
    }

    @Test
    void aTakenPortFailsAtOnceNamingTheKey(@TempDir Path otherDir) {
        int port = FreePorts.free();
        start(config(port, dataDir, 600));

        MetaServer second = new MetaServer(config(port, otherDir, 600));
        toClose.add(second);
        assertThatThrownBy(second::start)
                .isInstanceOf(PortInUseException.class)
                .hasMessageContaining("meta.port")
                .hasMessageContaining("127.0.0.1:" + port);
    }

}
