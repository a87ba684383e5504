package io.roster.session.routing;

import com.alipay.remoting.rpc.RpcServer;
import io.roster.common.view.ClusterView;
import io.roster.common.model.ProcessId;
import io.roster.common.model.Publisher;
import io.roster.common.model.Slot;
import io.roster.common.model.SlotTable;
import io.roster.common.rpc.BoltServers;
import io.roster.common.rpc.RpcCaller;
import io.roster.common.slot.SlotFunction;
import io.roster.common.util.NamedThreads;
import io.roster.common.wire.SlotDigestQuery;
import io.roster.common.wire.SlotDigestQueryReply;
import io.roster.session.reconcile.SlotDigestQueryHandler;
import io.roster.session.registry.ClientRegistry;
import io.roster.session.testing.FakeDataNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hand-off fence over real bolt connections: once this session answered a new leader's digest query for a
 * slot, its next write for that slot goes to that leader, though its slot table still names the old one.
 */
@Timeout(30)
class SlotLeaderFenceTest {
    private static final int SLOTS = 8;
    private static final SlotFunction SLOT_FUNCTION = new SlotFunction(SLOTS);
    private static final int SLOT = 3;

    private final ExecutorService executor = NamedThreads.pool("test-fence", 2);
    private final AtomicReference<ClusterView> view = new AtomicReference<>(ClusterView.EMPTY);
    private FakeDataNode oldLeader, newLeader;
    private RpcServer session;
    private String sessionAddress;
    private ProcessId sessionProcess;
    private RpcCaller caller;
    private DataRouter router;

    @BeforeEach
    void start() {
        oldLeader = new FakeDataNode();
        newLeader = new FakeDataNode();
        session = BoltServers.create("127.0.0.1", 0);
        BoltServers.start(session, "session.port");
        sessionAddress = "127.0.0.1:" + session.port();
        sessionProcess = ProcessId.current(sessionAddress);
        SlotLeaderFence fence = new SlotLeaderFence();
        session.registerUserProcessor(new SlotDigestQueryHandler(new ClientRegistry(SLOT_FUNCTION), SLOT_FUNCTION,
                sessionProcess, executor, fence));
        caller = new RpcCaller();
        router = new DataRouter(caller, view::get, sessionProcess, 3000, () -> 0, fence);
        table(SLOT, oldLeader.address(), 3);
    }

    @AfterEach
    void stop() {
        caller.close();
        BoltServers.safeShutdown(session);
        oldLeader.close();
        newLeader.close();
        NamedThreads.shutdown(executor);
    }

    /** This session's slot table: every slot led by the old leader at leaderEpoch 3, {@code slot} as given. */
    private void table(int slot, String leader, long leaderEpoch) {
        List<Slot> slots = new ArrayList<>();
        for (int i = 0; i < SLOTS; i++) {
            slots.add(i == slot ? new Slot(i, leader, List.of(), leaderEpoch) : new Slot(i, oldLeader.address(), List.of(), 3));
        }
        view.set(new ClusterView(new SlotTable(leaderEpoch, slots), List.of(), List.of(), ClusterView.EMPTY.switches(), 0));
    }

    private Publisher publisher(String registerId) {
        String id = null;
        for (int i = 0; id == null; i++) {
            String candidate = "svc-" + i + "#@#DEFAULT_INSTANCE_ID#@#DEFAULT_GROUP";
            if (SLOT_FUNCTION.slotOf(candidate) == SLOT) {
                id = candidate;
            }
        }
        return new Publisher(registerId, id, "c-" + registerId, "app", "", List.of(registerId.getBytes(StandardCharsets.UTF_8)),
                1, 1, sessionProcess);
    }

    private void newLeaderAsks(long leaderEpoch) {
        SlotDigestQueryReply reply = caller.call(sessionAddress,
                new SlotDigestQuery(List.of(SLOT), List.of(leaderEpoch), newLeader.address()), SlotDigestQueryReply.class, 3000);
        assertThat(reply.ok()).isTrue();
    }

    @Test
    void afterAnsweringTheNewLeaderAWriteGoesThereThoughTheTableStillNamesTheOldOne() {
        assertThat(router.publish(publisher("before")).ok()).isTrue();
        assertThat(oldLeader.writes()).hasSize(1);

        newLeaderAsks(4);
        assertThat(router.publish(publisher("after")).ok()).isTrue();

        assertThat(oldLeader.writes()).as("nothing reaches the old leader after the hand-off").hasSize(1);
        assertThat(newLeader.writes()).extracting(w -> w.publisher().registerId()).containsExactly("after");
    }

    @Test
    void aTableAtTheFencesLeaderEpochOrNewerSupersedesIt() {
        newLeaderAsks(4);
        table(SLOT, oldLeader.address(), 5); // meta moved the slot again, back to the old node

        assertThat(router.publish(publisher("w")).ok()).isTrue();

        assertThat(newLeader.writes()).isEmpty();
        assertThat(oldLeader.writes()).hasSize(1);
    }

    @Test
    void aQueryOfAnOlderLeaderEpochThanTheTablesChangesNothing() {
        table(SLOT, oldLeader.address(), 6);
        newLeaderAsks(4);

        assertThat(router.publish(publisher("w")).ok()).isTrue();

        assertThat(newLeader.writes()).isEmpty();
        assertThat(oldLeader.writes()).hasSize(1);
    }
}
