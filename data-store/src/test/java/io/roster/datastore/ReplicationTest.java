package io.roster.datastore;

import io.roster.common.config.ConfigKeys;
import io.roster.common.model.Datum;
import io.roster.common.model.ProcessId;
import io.roster.common.model.Publisher;
import io.roster.common.model.Slot;
import io.roster.common.slot.DatumVersions;
import io.roster.common.wire.DatumReply;
import io.roster.common.wire.ErrorCode;
import io.roster.common.wire.GetDatumRequest;
import io.roster.common.wire.PublishWrite;
import io.roster.common.wire.SessionDigest;
import io.roster.common.wire.SessionDigestReply;
import io.roster.common.wire.SessionHello;
import io.roster.common.wire.SessionSlotSync;
import io.roster.common.wire.SimpleReply;
import io.roster.common.wire.WriteReply;
import io.roster.common.slot.PublisherDigest;
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
import java.util.function.IntFunction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Two data nodes on real sockets, a fake meta handing out tables, and a fake session holding the publishers. */
@Timeout(60)
class ReplicationTest {
    private static final int SLOTS = 8;
    private static final Duration WAIT = DataNodesFixture.WAIT;
    /**
     * The leaderEpoch a test's table makes B leader of a slot at. Meta never gives one leaderEpoch to two leaders,
     * and B may have led every slot at FakeMeta.LEADER_EPOCH (3, as A does in the first table here) under FakeMeta's
     * own first table before the test's arrived: a promotion at 3 again could then end a migration B had finished.
     */
    private static final long PROMOTED = FakeMeta.LEADER_EPOCH + 2;

    @TempDir
    Path dir;
    private DataNodesFixture fixture;
    private FakeSession session;
    private int portB;
    private String a, b;
    private DataServer nodeA, nodeB;

    @BeforeEach
    void start() {
        fixture = new DataNodesFixture(dir, SLOTS);
        session = fixture.session;
        // Bound to ports of their own choosing: a port picked free beforehand can be taken by one of the outgoing
        // connections the first node opens before the second binds it. Restarts reuse these ports.
        nodeA = startNode(0);
        nodeB = startNode(0);
        a = nodeA.address();
        b = nodeB.address();
        portB = Integer.parseInt(b.substring(b.lastIndexOf(':') + 1));
        table(slot -> new Slot(slot, a, List.of(b), 3));
        fixture.awaitReadyAndHello(List.of(nodeA, nodeB), a, b);
    }

    @AfterEach
    void stop() throws Exception {
        DataNodesFixture.closeAll(nodeA, nodeB, fixture);
    }

    private DataServer startNode(int port) {
        return startNode(port, 1000, 1000);
    }

    private DataServer startNode(int port, int rpcTimeoutMs, int migrationTimeoutMs) {
        DataServer node = new DataServer(fixture.config(port)
                .set(ConfigKeys.RPC_TIMEOUT_MS, Integer.toString(rpcTimeoutMs))
                .set(ConfigKeys.DATA_REPLICA_SYNC_INTERVAL_MS, "300")
                .set(ConfigKeys.DATA_MIGRATION_TIMEOUT_MS, Integer.toString(migrationTimeoutMs))
                .set(ConfigKeys.DATA_MOVED_SLOT_DROP_DELAY_MS, "500")
                .build());
        node.start();
        return node;
    }

    private void table(IntFunction<Slot> slot) {
        fixture.table(slot);
    }

    private String idInSlot(int slot, int n) {
        return fixture.idInSlot(slot, n);
    }

    private Publisher pub(String registerId, String dataInfoId) {
        return fixture.pub(registerId, dataInfoId);
    }

    private WriteReply publish(String to, Publisher p) {
        return fixture.publish(to, p);
    }

    /**
     * Whether B's last promotion report is newer than {@code before} and accepted {@code slot}: B may hold a report
     * from FakeMeta's own first table, under which it led every slot.
     */
    private boolean acceptedSince(PromotionReport before, int slot) {
        PromotionReport last = nodeB.lastPromotion();
        return last != null && last != before && last.acceptedSlots().contains(slot);
    }

    private void awaitSameCopy(String dataInfoId) {
        await().atMost(WAIT).until(() -> nodeB.localDatum(dataInfoId).equals(nodeA.localDatum(dataInfoId)));
    }

    @Test
    void aLeadersWritesReachItsFollowerWhichReportsCaughtUp() {
        String id = idInSlot(2, 0);
        assertThat(publish(a, pub("r1", id)).code()).isEqualTo(ErrorCode.OK);
        assertThat(publish(a, pub("r2", id)).code()).isEqualTo(ErrorCode.OK);

        awaitSameCopy(id);
        assertThat(nodeB.localDatum(id).publishers()).extracting(Publisher::registerId).containsExactly("r1", "r2");
        for (int slot = 0; slot < SLOTS; slot++) {
            assertThat(nodeB.caughtUp(slot, 3)).isTrue();
        }
        // a follower serves nothing: reads go to the leader
        assertThat(session.call(b, new GetDatumRequest(2, id), DatumReply.class).code()).isEqualTo(ErrorCode.SLOT_NOT_OWNED);
    }

    @Test
    void aMalformedDatumInAReplicaPushIsIgnoredSoTheCopyStillReloads() {
        String id = idInSlot(2, 0), other = idInSlot(2, 1);
        publish(a, pub("r1", id));
        awaitSameCopy(id);
        Datum held = nodeB.localDatum(id);
        Datum foreign = new Datum(id, held.version() + 1, List.of(pub("x", other)));

        SimpleReply reply = session.call(b, new io.roster.common.wire.ReplicaPush(2, 3, a, List.of(foreign)), SimpleReply.class);

        assertThat(reply.ok()).isTrue();
        assertThat(nodeB.localDatum(id)).isEqualTo(held);
        nodeB.close();
        nodeB = startNode(portB);
        assertThat(nodeB.loadReport().damaged()).isFalse();
    }

    @Test
    void aWarmFollowerPromotedToLeaderReconcilesWithNoChangeAndServesTheSameVersions() {
        String id = idInSlot(4, 0);
        publish(a, pub("r1", id));
        publish(a, pub("r2", id));
        awaitSameCopy(id);
        Datum before = nodeA.localDatum(id);

        table(slot -> slot == 4 ? new Slot(4, b, List.of(a), PROMOTED) : new Slot(slot, a, List.of(b), 3));

        await().atMost(WAIT).until(() -> nodeB.localSlots().stream().anyMatch(s -> s.id() == 4 && s.phase() == SlotPhase.ACCEPT));
        PromotionReport report = nodeB.lastPromotion();
        assertThat(report.acceptedSlots()).containsExactly(4);
        assertThat(report.changedDatums()).isZero();
        assertThat(report.complete()).isTrue();
        DatumReply read = session.call(b, new GetDatumRequest(4, id), DatumReply.class);
        assertThat(read.code()).isEqualTo(ErrorCode.OK);
        assertThat(read.datum()).isEqualTo(before);

        // the new leader's versions are above anything the old one handed out
        WriteReply third = publish(b, pub("r3", id));
        assertThat(third.version()).isGreaterThan(before.version()).isGreaterThan(DatumVersions.floor(PROMOTED));
        await().atMost(WAIT).until(() -> nodeA.localDatum(id).equals(nodeB.localDatum(id)));
        assertThat(session.call(a, new GetDatumRequest(4, id), DatumReply.class).code()).isEqualTo(ErrorCode.SLOT_NOT_OWNED);
    }

    @Test
    void aColdLeaderFetchesEverythingFromTheSessionsAndDropsWhatNoLiveSessionOwns() {
        String id = idInSlot(5, 0);
        publish(a, pub("r1", id));
        ProcessId dead = new ProcessId("127.0.0.1:1", 1, 1);
        Publisher orphan = new Publisher("orphan", id, "c9", "app", "", List.of(new byte[]{1}), 1, 1, dead);
        session.call(a, new PublishWrite(5, orphan), WriteReply.class);
        // the session holds r2 but its write never reached data (lost in a crash)
        session.holds(pub("r2", id));
        awaitSameCopy(id);
        assertThat(nodeA.localDatum(id).publishers()).extracting(Publisher::registerId).containsExactlyInAnyOrder("r1", "orphan");

        // B is made leader of slot 5 without ever having been its follower: it must reconcile from sessions alone
        table(slot -> slot == 5 ? new Slot(5, b, List.of(), PROMOTED) : new Slot(slot, a, List.of(), 3));
        await().atMost(WAIT).until(() -> session.call(b, new GetDatumRequest(5, id), DatumReply.class).code() == ErrorCode.OK);

        Datum served = session.call(b, new GetDatumRequest(5, id), DatumReply.class).datum();
        assertThat(served.publishers()).extracting(Publisher::registerId).containsExactlyInAnyOrder("r1", "r2");
        assertThat(served.version()).isGreaterThan(DatumVersions.floor(PROMOTED));
    }

    @Test
    void aSlowSessionDoesNotHoldASlotInMigratingPastTheBoundAndTheReportNamesIt() throws Exception {
        var gate = session.stallAnswers();
        PromotionReport before = nodeB.lastPromotion();
        try {
            table(slot -> slot == 1 ? new Slot(1, b, List.of(a), PROMOTED) : new Slot(slot, a, List.of(b), 3));
            await().atMost(WAIT).until(() -> nodeB.localSlots().stream().anyMatch(s -> s.id() == 1 && s.phase() == SlotPhase.MIGRATING));
            String id = idInSlot(1, 0);
            DatumReply duringMigration = session.call(b, new GetDatumRequest(1, id), DatumReply.class);
            assertThat(duringMigration.code()).isEqualTo(ErrorCode.SLOT_NOT_READY);
            assertThat(duringMigration.message()).contains("slot 1", "migrating");

            await().atMost(WAIT).until(() -> acceptedSince(before, 1));
            assertThat(nodeB.lastPromotion().unansweredSessions()).containsKey(session.processId());
            assertThat(session.call(b, new GetDatumRequest(1, id), DatumReply.class).code()).isEqualTo(ErrorCode.OK);
        } finally {
            gate.countDown();
        }
    }

    @Test
    void aSessionThatAnswersAfterTheBoundIsStillReconciledAndItsChangesAnnounced() throws Exception {
        nodeB.close();
        nodeB = startNode(portB, 20_000, 300);
        await().atMost(WAIT).until(nodeB::isReady);
        assertThat(session.call(b, new SessionHello(session.processId()), SimpleReply.class).ok()).isTrue();
        String id = idInSlot(2, 0);
        session.watch(b, id);
        Publisher lost = pub("lost", id);
        session.holds(lost); // the session has it; no data node ever got the write

        var gate = session.stallAnswers();
        PromotionReport before = nodeB.lastPromotion();
        try {
            table(slot -> slot == 2 ? new Slot(2, b, List.of(a), PROMOTED) : new Slot(slot, a, List.of(b), 3));
            await().atMost(WAIT).until(() -> acceptedSince(before, 2));
            assertThat(nodeB.lastPromotion().unansweredSessions()).containsKey(session.processId());
            assertThat(nodeB.localDatum(id).publishers()).isEmpty();
        } finally {
            gate.countDown();
        }

        await().atMost(WAIT).until(() -> nodeB.localDatum(id).publishers().size() == 1);
        long version = nodeB.localDatum(id).version();
        await("the late change is announced").atMost(WAIT).until(() -> session.noticed(id, version));
        await("and replicated").atMost(WAIT).until(() -> nodeA.localDatum(id).equals(nodeB.localDatum(id)));
    }

    @Test
    void aSessionDigestFindsALostWriteAndTheSlotSyncRepairsIt() {
        String id = idInSlot(3, 0);
        publish(a, pub("r1", id));
        Publisher lost = pub("r2", id);
        session.holds(lost);
        PublisherDigest mine = new PublisherDigest();
        mine.add(nodeA.localDatum(id).publishers().get(0));
        mine.add(lost);
        PublisherDigest empty = new PublisherDigest();

        SessionDigestReply reply = session.call(a, new SessionDigest(session.processId(),
                List.of(mine.toSlotDigest(3), empty.toSlotDigest(6))), SessionDigestReply.class);
        assertThat(reply.mismatchedSlots()).containsExactly(3);

        WriteReply sync = session.call(a, new SessionSlotSync(session.processId(), 3, session.tick(),
                List.of(nodeA.localDatum(id).publishers().get(0), lost)), WriteReply.class);
        assertThat(sync.code()).isEqualTo(ErrorCode.OK);
        assertThat(nodeA.localDatum(id).publishers()).extracting(Publisher::registerId).containsExactly("r1", "r2");
        awaitSameCopy(id);
        assertThat(session.call(a, new SessionDigest(session.processId(), List.of(mine.toSlotDigest(3))),
                SessionDigestReply.class).mismatchedSlots()).isEmpty();
    }

    @Test
    void aSlotSyncWithAPublisherOfAnotherSessionIsInvalid() {
        String id = idInSlot(3, 0);
        Publisher foreign = new Publisher("x", id, "c1", "app", "", List.of(new byte[]{1}), 1, 1, new ProcessId("127.0.0.1:2", 1, 1));

        WriteReply reply = session.call(a, new SessionSlotSync(session.processId(), 3, session.tick(), List.of(foreign)),
                WriteReply.class);

        assertThat(reply.code()).isEqualTo(ErrorCode.INVALID_REQUEST);
        assertThat(reply.message()).contains("x", "not by the syncing session");
    }

    @Test
    void aRestartedNodeLoadsItsCopyFromDiskAndCatchesUpByDiff() {
        String id = idInSlot(6, 0);
        publish(a, pub("r1", id));
        awaitSameCopy(id);
        nodeB.close();
        publish(a, pub("r2", id));

        nodeB = startNode(portB);
        assertThat(nodeB.loadReport().publishers()).isEqualTo(1);
        assertThat(nodeB.localDatum(id).publishers()).extracting(Publisher::registerId).containsExactly("r1");
        await().atMost(WAIT).until(nodeB::isReady);
        awaitSameCopy(id);
        assertThat(nodeB.localDatum(id).publishers()).extracting(Publisher::registerId).containsExactly("r1", "r2");
    }

    @Test
    void aSlotNoLongerHeldIsDroppedAfterTheDelay() {
        String id = idInSlot(7, 0);
        publish(a, pub("r1", id));
        awaitSameCopy(id);

        table(slot -> new Slot(slot, a, List.of(), 3));

        await().atMost(WAIT).until(() -> nodeB.localDatum(id).version() == 0);
        assertThat(nodeB.localSlots()).noneMatch(s -> s.id() == 7);
        assertThat(nodeB.publisherCount()).isZero();
    }

    @Test
    void anExpiredSessionsPublishersLeaveTheLeaderAndItsFollower() {
        String id = idInSlot(0, 0);
        publish(a, pub("r1", id));
        awaitSameCopy(id);

        fixture.meta.sessions();

        await().atMost(WAIT).until(() -> nodeA.localDatum(id).publishers().isEmpty());
        awaitSameCopy(id);

        // A late sync or write from the expired process (it stalled past its lease) must not bring them back...
        Publisher again = pub("r1", id);
        WriteReply sync = session.call(a, new SessionSlotSync(session.processId(), 0, session.tick(), List.of(again)), WriteReply.class);
        assertThat(sync.code()).isEqualTo(ErrorCode.UNAVAILABLE);
        assertThat(sync.message()).contains("expired by meta");
        assertThat(publish(a, pub("r2", id)).code()).isEqualTo(ErrorCode.UNAVAILABLE);
        assertThat(nodeA.localDatum(id).publishers()).isEmpty();

        // ...until meta lists it again: then its sync restores what it owns.
        fixture.meta.sessions(session.node());
        await().atMost(WAIT).until(() -> session.call(a, new SessionSlotSync(session.processId(), 0, session.tick(),
                List.of(again)), WriteReply.class).ok());
        assertThat(nodeA.localDatum(id).publishers()).extracting(Publisher::registerId).containsExactly("r1");
    }
}
