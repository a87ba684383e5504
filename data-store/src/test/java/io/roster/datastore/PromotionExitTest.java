package io.roster.datastore;

import com.codahale.metrics.MetricRegistry;
import io.roster.common.config.ConfigKeys;
import io.roster.common.model.NodeInfo;
import io.roster.common.model.NodeRole;
import io.roster.common.model.ProcessId;
import io.roster.common.model.Publisher;
import io.roster.common.model.Slot;
import io.roster.common.wire.DatumReply;
import io.roster.common.wire.ErrorCode;
import io.roster.common.wire.GetDatumRequest;
import io.roster.datastore.migration.PromotionReport;
import io.roster.datastore.slot.SlotPhase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The exit rule of MIGRATING (docs/ARCHITECTURE.md): a slot leaves it only when every live session process has
 * answered, or meta expired it; past the bound a warm copy serves with the silent session's publishers kept, a cold
 * copy does not serve. Node A leads every slot; B follows all but {@link #COLD}, so B's copy of COLD is cold.
 */
@Timeout(60)
class PromotionExitTest {
    private static final int SLOTS = 8;
    private static final int COLD = 5, WARM = 4;
    private static final Duration WAIT = DataNodesFixture.WAIT;
    private static final int BOUND_MS = 300;

    @TempDir
    Path dir;
    private DataNodesFixture fixture;
    private FakeMeta meta;
    private FakeSession session;
    private String a, b;
    private DataServer nodeA, nodeB;
    private final MetricRegistry metricsB = new MetricRegistry();
    private CountDownLatch stalled;
    private PromotionReport reportBefore;

    @BeforeEach
    void start() {
        fixture = new DataNodesFixture(dir, SLOTS);
        meta = fixture.meta;
        session = fixture.session;
        nodeA = startNode(new MetricRegistry());
        nodeB = startNode(metricsB);
        a = nodeA.address();
        b = nodeB.address();
        fixture.table(slot -> new Slot(slot, a, slot == COLD ? List.of() : List.of(b), 3));
        fixture.awaitReadyAndHello(List.of(nodeA, nodeB), a, b);
    }

    @AfterEach
    void stop() throws Exception {
        if (stalled != null) {
            stalled.countDown();
        }
        DataNodesFixture.closeAll(nodeA, nodeB, fixture);
    }

    private DataServer startNode(MetricRegistry metrics) {
        DataServer node = new DataServer(fixture.config(0)
                .set(ConfigKeys.DATA_REPLICA_SYNC_INTERVAL_MS, "300")
                .set(ConfigKeys.DATA_MIGRATION_TIMEOUT_MS, Integer.toString(BOUND_MS))
                .build(), metrics);
        node.start();
        return node;
    }

    /** Gives {@code moved} to B at a new leaderEpoch (A follows it), every other slot as before. */
    private void promoteOnB(int moved) {
        // B led every slot before the test's table arrived (FakeMeta's default): that report is not this one.
        reportBefore = nodeB.lastPromotion();
        long leaderEpoch = 4;
        fixture.table(slot -> slot == moved ? new Slot(slot, b, List.of(a), leaderEpoch)
                : new Slot(slot, a, slot == COLD ? List.of() : List.of(b), 3));
    }

    private String idInSlot(int slot) {
        return fixture.idInSlot(slot, 0);
    }

    private Publisher pub(String registerId, String dataInfoId) {
        return fixture.pub(registerId, dataInfoId);
    }

    private void publishOnA(Publisher p) {
        assertThat(fixture.publish(a, p).code()).isEqualTo(ErrorCode.OK);
    }

    private DatumReply readOnB(String id) {
        return session.call(b, new GetDatumRequest(fixture.slotFunction.slotOf(id), id), DatumReply.class);
    }

    private PromotionReport reportNaming(int slot) {
        PromotionReport r = nodeB.lastPromotion();
        return r != null && r != reportBefore && (r.acceptedSlots().contains(slot) || r.heldSlots().contains(slot)) ? r : null;
    }

    private SlotPhase phaseOnB(int slot) {
        return nodeB.localSlots().stream().filter(s -> s.id() == slot).map(s -> s.phase()).findFirst().orElse(null);
    }

    @Test
    void aColdCopyDoesNotServeWhileALiveSessionIsSilentPastTheBoundAndAcceptsOnItsAnswer() {
        String id = idInSlot(COLD);
        publishOnA(pub("r1", id));
        stalled = session.stallAnswers();

        promoteOnB(COLD);

        await().atMost(WAIT).until(() -> reportNaming(COLD) != null);
        PromotionReport held = reportNaming(COLD);
        assertThat(held.acceptedSlots()).doesNotContain(COLD);
        assertThat(held.unansweredSessions()).containsKey(session.processId());
        assertThat(phaseOnB(COLD)).isEqualTo(SlotPhase.MIGRATING);
        assertThat(readOnB(id).code()).as("a cold copy past the bound is not served").isEqualTo(ErrorCode.SLOT_NOT_READY);
        assertThat(metricsB.counter("data.migration.silent-past-bound").getCount()).isEqualTo(1);

        stalled.countDown();

        await().atMost(WAIT).until(() -> readOnB(id).code() == ErrorCode.OK);
        assertThat(readOnB(id).datum().publishers()).extracting(Publisher::registerId).containsExactly("r1");
    }

    @Test
    void aWarmCopyServesPastTheBoundWithTheSilentSessionsPublishersKept() {
        String id = idInSlot(WARM);
        publishOnA(pub("r1", id));
        await().atMost(WAIT).until(() -> nodeB.localDatum(id).equals(nodeA.localDatum(id)));
        stalled = session.stallAnswers();

        promoteOnB(WARM);

        await().atMost(WAIT).until(() -> reportNaming(WARM) != null);
        PromotionReport report = reportNaming(WARM);
        assertThat(report.acceptedSlots()).containsExactly(WARM);
        assertThat(report.unansweredSessions()).containsKey(session.processId());
        assertThat(metricsB.counter("data.migration.silent-past-bound").getCount()).isEqualTo(1);
        DatumReply read = readOnB(id);
        assertThat(read.code()).isEqualTo(ErrorCode.OK);
        assertThat(read.datum().publishers()).extracting(Publisher::registerId).containsExactly("r1");
    }

    @Test
    void theDigestQueryNamesTheNewLeaderAndTheSlotsLeaderEpochForTheSessionsHandOffFence() {
        promoteOnB(WARM);

        await().atMost(WAIT).until(() -> phaseOnB(WARM) == SlotPhase.ACCEPT);
        var query = session.digestQueries().get(session.digestQueries().size() - 1);
        assertThat(query.leaderAddress()).isEqualTo(b);
        assertThat(query.slotIds()).containsExactly(WARM);
        assertThat(query.leaderEpochs()).containsExactly(4L);
    }

    @Test
    void aSilentSessionThatMetaExpiresNoLongerHoldsAColdSlot() {
        String id = idInSlot(COLD);
        publishOnA(pub("r1", id));
        // Listed as live, but nothing answers at its address (a partitioned session).
        NodeInfo silent = new NodeInfo(NodeRole.SESSION, "127.0.0.1:1", new ProcessId("127.0.0.1:1", 1, 1));
        meta.sessions(session.node(), silent);

        promoteOnB(COLD);

        await().atMost(WAIT).until(() -> reportNaming(COLD) != null);
        assertThat(reportNaming(COLD).unansweredSessions()).containsOnlyKeys(silent.processId());
        assertThat(readOnB(id).code()).isEqualTo(ErrorCode.SLOT_NOT_READY);

        meta.sessions(session.node()); // meta expires it

        await().atMost(WAIT).until(() -> readOnB(id).code() == ErrorCode.OK);
        assertThat(readOnB(id).datum().publishers()).extracting(Publisher::registerId).containsExactly("r1");
    }

    @Test
    void aSessionRestartedOnTheSameAddressIsADifferentProcessAndKeepsItsPublishers() {
        String id = idInSlot(COLD);
        publishOnA(pub("r1", id));
        // The process that ran at the session's address before it restarted: meta still lists it until its lease ends.
        ProcessId before = new ProcessId(session.processId().address(), session.processId().startTimeMillis() - 1, 1);
        meta.sessions(session.node(), new NodeInfo(NodeRole.SESSION, before.address(), before));

        promoteOnB(COLD);

        await().atMost(WAIT).until(() -> reportNaming(COLD) != null);
        assertThat(reportNaming(COLD).unansweredSessions()).as("the new process answered, the old one cannot")
                .containsOnlyKeys(before);
        assertThat(readOnB(id).code()).isEqualTo(ErrorCode.SLOT_NOT_READY);

        meta.sessions(session.node()); // the old process's lease ends

        await().atMost(WAIT).until(() -> readOnB(id).code() == ErrorCode.OK);
        assertThat(readOnB(id).datum().publishers()).extracting(Publisher::registerId).containsExactly("r1");
    }
}
