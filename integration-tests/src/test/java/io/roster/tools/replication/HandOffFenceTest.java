package io.roster.tools.replication;

import com.alipay.remoting.rpc.RpcServer;
import io.roster.common.config.ConfigKeys;
import io.roster.common.config.RosterConfig;
import io.roster.common.view.ClusterView;
import io.roster.common.model.NodeInfo;
import io.roster.common.model.NodeRole;
import io.roster.common.model.ProcessId;
import io.roster.common.model.Publisher;
import io.roster.common.model.Slot;
import io.roster.common.model.SlotTable;
import io.roster.common.rpc.BoltServers;
import io.roster.common.rpc.RpcCaller;
import io.roster.common.slot.SlotFunction;
import io.roster.common.util.NamedThreads;
import io.roster.common.wire.ErrorCode;
import io.roster.common.wire.HeartbeatReply;
import io.roster.common.wire.HeartbeatRequest;
import io.roster.common.wire.SessionHello;
import io.roster.common.wire.SimpleReply;
import io.roster.datastore.DataServer;
import io.roster.session.routing.DataRouter;
import io.roster.session.routing.SlotLeaderFence;
import io.roster.session.reconcile.SlotDigestQueryHandler;
import io.roster.session.reconcile.SlotPublishersQueryHandler;
import io.roster.session.registry.ClientRegistry;
import io.roster.session.registry.ConnectionHandle;
import io.roster.session.registry.RegistrationClock;
import io.roster.testkit.bolt.FakeBoltPeer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 12, the leader hand-off: two real data nodes and a session built from the session's own parts (registry,
 * reconciliation handlers, router, fence), its slot table held back on purpose. The new leader takes the session's
 * state; a write the session makes after that must reach the new leader, not the old one (which has not heard of
 * the move either), so the new leader never serves content older than what the session answered.
 */
@Timeout(60)
class HandOffFenceTest {
    private static final int SLOTS = 8;
    private static final SlotFunction SLOT_FUNCTION = new SlotFunction(SLOTS);
    private static final int SLOT = 4;
    private static final Duration WAIT = Duration.ofSeconds(15);

    @TempDir
    Path dir;
    private final ExecutorService executor = NamedThreads.pool("test-handoff", 4);
    private final Map<String, SlotTable> tables = new ConcurrentHashMap<>();
    private final AtomicReference<List<NodeInfo>> sessions = new AtomicReference<>(List.of());
    private final AtomicReference<ClusterView> sessionView = new AtomicReference<>(ClusterView.EMPTY);
    private final ClientRegistry registry = new ClientRegistry(SLOT_FUNCTION);
    private final RegistrationClock clock = new RegistrationClock();
    private final ConnectionHandle client = ConnectionHandle.alwaysOpen("client");
    private FakeBoltPeer meta;
    private RpcServer session;
    private RpcCaller caller;
    private DataRouter router;
    private ProcessId sessionProcess;
    private DataServer nodeA, nodeB;

    @BeforeEach
    void start() {
        meta = new FakeBoltPeer("fake-meta", 1) {
            {
                handle(HeartbeatRequest.class, r -> new HeartbeatReply(ErrorCode.OK, "", "",
                                tables.getOrDefault(r.node().address(), SlotTable.EMPTY), List.of(), sessions.get()),
                        (code, message) -> new HeartbeatReply(code, message, "", null, List.of(), List.of()));
                listen();
            }
        };

        session = BoltServers.create("127.0.0.1", 0);
        BoltServers.start(session, "session.port");
        sessionProcess = ProcessId.current("127.0.0.1:" + session.port());
        SlotLeaderFence fence = new SlotLeaderFence();
        session.registerUserProcessor(new SlotDigestQueryHandler(registry, SLOT_FUNCTION, sessionProcess, executor, fence));
        session.registerUserProcessor(new SlotPublishersQueryHandler(registry, clock, SLOT_FUNCTION, sessionProcess, executor));
        caller = new RpcCaller();
        router = new DataRouter(caller, sessionView::get, sessionProcess, 3000, registry::subscriptionSeq, fence);
        sessions.set(List.of(new NodeInfo(NodeRole.SESSION, sessionProcess.address(), sessionProcess)));

        nodeA = startData();
        nodeB = startData();
        SlotTable first = table(3, nodeA.address(), nodeB.address(), 3);
        tables.put(nodeA.address(), first);
        tables.put(nodeB.address(), first);
        sessionView.set(new ClusterView(first, List.of(), List.of(), ClusterView.EMPTY.switches(), 0));
        await().atMost(WAIT).until(() -> nodeA.isReady() && nodeB.isReady());
        for (DataServer d : List.of(nodeA, nodeB)) {
            assertThat(caller.call(d.address(), new SessionHello(sessionProcess), SimpleReply.class, 3000).ok()).isTrue();
        }
    }

    @AfterEach
    void stop() {
        for (DataServer d : new DataServer[]{nodeA, nodeB}) {
            if (d != null) {
                d.close();
            }
        }
        if (caller != null) {
            caller.close();
        }
        BoltServers.safeShutdown(session);
        if (meta != null) {
            meta.close();
        }
        NamedThreads.shutdown(executor);
    }

    private DataServer startData() {
        DataServer d = new DataServer(RosterConfig.builder()
                .set(ConfigKeys.DATA_DIR, dir.toString())
                .set(ConfigKeys.HOST, "127.0.0.1")
                .set(ConfigKeys.DATA_PORT, "0")
                .set(ConfigKeys.META_SERVERS, meta.address())
                .set(ConfigKeys.HEARTBEAT_INTERVAL_MS, "100")
                .set(ConfigKeys.RPC_TIMEOUT_MS, "1000")
                .set(ConfigKeys.DATA_REPLICA_SYNC_INTERVAL_MS, "300")
                .set(ConfigKeys.CLUSTER_SLOTS, Integer.toString(SLOTS))
                .build());
        d.start();
        return d;
    }

    /** Every slot led by {@code leader} at leaderEpoch 3 and followed by {@code follower}, except SLOT at {@code slotEpoch}. */
    private static SlotTable table(long epoch, String leader, String follower, long slotEpoch) {
        List<Slot> slots = new ArrayList<>();
        for (int i = 0; i < SLOTS; i++) {
            slots.add(i == SLOT ? new Slot(i, leader, List.of(follower), slotEpoch) : new Slot(i, leader, List.of(follower), 3));
        }
        return new SlotTable(epoch, slots);
    }

    private static String dataInfoId() {
        for (int i = 0; ; i++) {
            String id = "svc-" + i + "#@#DEFAULT_INSTANCE_ID#@#DEFAULT_GROUP";
            if (SLOT_FUNCTION.slotOf(id) == SLOT) {
                return id;
            }
        }
    }

    /** What the session does for a client's publish: stamp and store it in its registry, then forward it. */
    private void publish(String registerId) {
        Publisher p = clock.register(stamp -> {
            Publisher made = new Publisher(registerId, dataInfoId(), "c-" + registerId, "app", "",
                    List.of(registerId.getBytes(StandardCharsets.UTF_8)), 1, stamp, sessionProcess);
            registry.putPublisher(made, client);
            return made;
        });
        assertThat(router.publish(p).code()).isEqualTo(ErrorCode.OK);
    }

    @Test
    void aWriteAfterTheNewLeaderTookTheSessionsStateReachesTheNewLeaderNotTheOldOne() {
        publish("r1");
        await().atMost(WAIT).until(() -> nodeB.localDatum(dataInfoId()).equals(nodeA.localDatum(dataInfoId())));

        // Meta moves SLOT to B. Neither the old leader A nor the session has heard yet.
        tables.put(nodeB.address(), table(4, nodeB.address(), nodeA.address(), 4));
        await().atMost(WAIT).until(() -> nodeB.accepting(SLOT, 4));

        publish("r2");

        assertThat(nodeB.localDatum(dataInfoId()).publishers()).as("the new leader has every write the session made")
                .extracting(Publisher::registerId).containsExactlyInAnyOrder("r1", "r2");
        assertThat(nodeA.localDatum(dataInfoId()).publishers()).as("the old leader took nothing after the hand-off")
                .extracting(Publisher::registerId).containsExactly("r1");
    }
}
