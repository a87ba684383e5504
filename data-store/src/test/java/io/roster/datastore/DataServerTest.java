package io.roster.datastore;

import io.roster.common.config.ConfigKeys;
import io.roster.common.config.RosterConfig;
import io.roster.common.model.Datum;
import io.roster.common.model.ProcessId;
import io.roster.common.model.Publisher;
import io.roster.common.model.ReplicaRole;
import io.roster.common.model.SlotReplicaState;
import io.roster.common.slot.DatumVersions;
import io.roster.common.slot.SlotFunction;
import io.roster.common.wire.ClientOffWrite;
import io.roster.common.wire.DatumReply;
import io.roster.common.wire.ErrorCode;
import io.roster.common.wire.GetDatumRequest;
import io.roster.common.wire.PublishWrite;
import io.roster.common.wire.DataChangeNotice;
import io.roster.common.wire.InterestWithdrawal;
import io.roster.common.wire.SessionHello;
import io.roster.common.wire.SimpleReply;
import io.roster.common.wire.UnpublishWrite;
import io.roster.common.wire.WriteReply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A data node on real bolt sockets, against a fake meta and fake sessions. */
@Timeout(30)
class DataServerTest {
    private static final int SLOTS = 8;
    private static final SlotFunction SLOT_FUNCTION = new SlotFunction(SLOTS);
    private static final long FIRST_VERSION = DatumVersions.floor(FakeMeta.LEADER_EPOCH) + 1;
    /** What a datum this node does not hold reads at (nothing collected yet): the floor of its leaderEpoch. */
    private static final long ABSENT_VERSION = DatumVersions.floor(FakeMeta.LEADER_EPOCH);

    private FakeMeta meta;
    private DataServer data;
    private FakeSession session;
    @TempDir
    Path dataDir;

    @BeforeEach
    void start() {
        meta = new FakeMeta(SLOTS);
        data = new DataServer(config(meta.address()));
        data.start();
        session = new FakeSession(SLOTS);
        awaitTable();
        await().atMost(Duration.ofSeconds(10)).until(data::isReady);
        assertThat(session.call(data.address(), new SessionHello(session.processId()), SimpleReply.class).ok()).isTrue();
    }

    @AfterEach
    void stop() {
        if (session != null) {
            session.close();
        }
        if (data != null) {
            data.close();
        }
        if (meta != null) {
            meta.close();
        }
    }

    private RosterConfig config(String metaAddress) {
        return RosterConfig.builder()
                .set(ConfigKeys.DATA_DIR, dataDir.toString())
                .set(ConfigKeys.HOST, "127.0.0.1")
                .set(ConfigKeys.DATA_PORT, "0")
                .set(ConfigKeys.META_SERVERS, metaAddress)
                .set(ConfigKeys.HEARTBEAT_INTERVAL_MS, "100")
                .set(ConfigKeys.RPC_TIMEOUT_MS, "1000")
                .set(ConfigKeys.CLUSTER_SLOTS, Integer.toString(SLOTS))
                .set(ConfigKeys.LIMITS_DATA_ITEM_MAX_BYTES, "64")
                .build();
    }

    private void awaitTable() {
        await().atMost(Duration.ofSeconds(10)).until(() -> data.servedTableEpoch() == meta.epoch());
    }

    /** A canonical dataInfoId in {@code slot}. */
    private static String idInSlot(int slot) {
        return DataNodesFixture.idInSlot(SLOT_FUNCTION, slot, 0);
    }

    private static Publisher pub(String registerId, String dataInfoId, String clientId, ProcessId owner, byte[] data) {
        return new Publisher(registerId, dataInfoId, clientId, "echo-app", "zone-a", List.of(data), 1,
                System.currentTimeMillis(), owner);
    }

    private static Publisher pub(String registerId, String dataInfoId, String clientId, ProcessId owner) {
        return pub(registerId, dataInfoId, clientId, owner, ("10.0.0.1:" + registerId.length()).getBytes(StandardCharsets.UTF_8));
    }

    private WriteReply publish(FakeSession from, Publisher p) {
        return from.call(data.address(), new PublishWrite(SLOT_FUNCTION.slotOf(p.dataInfoId()), p), WriteReply.class);
    }

    @Test
    void aPublishIsStoredReadableAndNoticedBySessions() {
        String id = idInSlot(2);
        Publisher p = pub("r1", id, "c1", session.processId());
        session.watch(data.address(), id);

        WriteReply reply = publish(session, p);

        assertThat(reply.code()).isEqualTo(ErrorCode.OK);
        assertThat(reply.version()).isEqualTo(FIRST_VERSION);
        await().atMost(Duration.ofSeconds(5)).until(() -> session.noticed(id, FIRST_VERSION));
        DatumReply read = session.call(data.address(), new GetDatumRequest(2, id), DatumReply.class);
        assertThat(read.code()).isEqualTo(ErrorCode.OK);
        assertThat(read.datum().version()).isEqualTo(FIRST_VERSION);
        assertThat(read.datum().publishers()).containsExactly(p);
        assertThat(data.localDatum(id)).isEqualTo(read.datum());
        assertThat(data.publisherCount()).isEqualTo(1);
        assertThat(data.datumCount()).isEqualTo(1);
        assertThat(data.sessionCount()).isEqualTo(1);
        assertThat(data.ledSlotCount()).isEqualTo(SLOTS);
    }

    @Test
    void changeNoticesGoOnlyToSessionsThatDeclaredInterestUntilTheyWithdrawIt() {
        try (FakeSession bystander = new FakeSession(SLOTS)) {
            assertThat(bystander.call(data.address(), new SessionHello(bystander.processId()), SimpleReply.class).ok()).isTrue();
            String id = idInSlot(3), other = idInSlot(5);
            session.watch(data.address(), id);
            bystander.watch(data.address(), other);
            publish(session, pub("r1", id, "c1", session.processId()));
            publish(session, pub("r2", other, "c1", session.processId()));
            await().atMost(Duration.ofSeconds(5)).until(() -> session.noticed(id, FIRST_VERSION)
                    && bystander.noticed(other, FIRST_VERSION));
            assertThat(session.notices()).extracting(DataChangeNotice::dataInfoId).containsOnly(id);
            assertThat(bystander.notices()).extracting(DataChangeNotice::dataInfoId).containsOnly(other);

            // A withdrawal stamped below the declaration (it crossed a newer subscription's read) keeps it.
            assertThat(session.call(data.address(), new InterestWithdrawal(session.processId(), 0, List.of(id)),
                    SimpleReply.class).ok()).isTrue();
            publish(session, pub("r3", id, "c1", session.processId()));
            await().atMost(Duration.ofSeconds(5)).until(() -> session.noticed(id, FIRST_VERSION + 1));

            assertThat(session.call(data.address(), new InterestWithdrawal(session.processId(), 1, List.of(id)),
                    SimpleReply.class).ok()).isTrue();
            assertThat(data.localInterests(id)).isEmpty();
            SimpleReply bad = session.call(data.address(), new InterestWithdrawal(null, 1, List.of(id)), SimpleReply.class);
            assertThat(bad.code()).isEqualTo(ErrorCode.INVALID_REQUEST);
            assertThat(bad.message()).contains("sessionProcessId");
        }
    }

    @Test
    void aVersionQueryAnswersTheVersionOfEveryServedDatumAndRefusesBadInput() {
        String id = idInSlot(2), never = idInSlot(3);
        publish(session, pub("r1", id, "c1", session.processId()));

        io.roster.common.wire.DatumVersionsReply reply = session.call(data.address(),
                new io.roster.common.wire.DatumVersionsQuery(List.of(id, never), List.of()), io.roster.common.wire.DatumVersionsReply.class);
        assertThat(reply.code()).isEqualTo(ErrorCode.OK);
        assertThat(reply.datums()).extracting(d -> d.dataInfoId() + "@" + d.version())
                .containsExactly(id + "@" + FIRST_VERSION, never + "@" + ABSENT_VERSION);
        io.roster.common.wire.DatumVersionsReply upToDate = session.call(data.address(),
                new io.roster.common.wire.DatumVersionsQuery(List.of(id, never), List.of(FIRST_VERSION, ABSENT_VERSION)),
                io.roster.common.wire.DatumVersionsReply.class);
        assertThat(upToDate.datums()).as("only datums newer than pushed are answered").isEmpty();

        io.roster.common.wire.DatumVersionsReply bad = session.call(data.address(),
                new io.roster.common.wire.DatumVersionsQuery(List.of("not canonical"), List.of()), io.roster.common.wire.DatumVersionsReply.class);
        assertThat(bad.code()).isEqualTo(ErrorCode.INVALID_REQUEST);
        List<String> tooMany = java.util.Collections.nCopies(10_001, id);
        io.roster.common.wire.DatumVersionsReply big = session.call(data.address(),
                new io.roster.common.wire.DatumVersionsQuery(tooMany, List.of()), io.roster.common.wire.DatumVersionsReply.class);
        assertThat(big.code()).isEqualTo(ErrorCode.INVALID_REQUEST);
        assertThat(big.message()).contains("10000");
    }

    @Test
    void readingADatumNeverWrittenGivesAnEmptyDatumAtTheFloorOfItsLeaderEpoch() {
        String id = idInSlot(5);

        DatumReply read = session.call(data.address(), new GetDatumRequest(5, id), DatumReply.class);

        assertThat(read.code()).isEqualTo(ErrorCode.OK);
        assertThat(read.datum()).isEqualTo(new Datum(id, ABSENT_VERSION, List.of()));
    }

    @Test
    void aWriteForTheWrongSlotIsInvalidAndNamesBothSlots() {
        String id = idInSlot(3);

        WriteReply reply = session.call(data.address(), new PublishWrite(4, pub("r1", id, "c1", session.processId())), WriteReply.class);

        assertThat(reply.code()).isEqualTo(ErrorCode.INVALID_REQUEST);
        assertThat(reply.message()).contains("slot 4", "slot 3", id);
        assertThat(data.publisherCount()).isZero();
    }

    /** A table with another slot count than this node's is a cluster misconfiguration: retryable, never final. */
    @Test
    void aSlotTableOfAnotherSlotCountMakesTheNodeUnavailableNotTheRequestInvalid() {
        try (FakeMeta otherMeta = new FakeMeta(SLOTS * 2); DataServer misconfigured = new DataServer(config(otherMeta.address()))) {
            misconfigured.start();
            await().atMost(Duration.ofSeconds(10)).until(() -> misconfigured.servedTableEpoch() == otherMeta.epoch());
            SlotFunction theirs = new SlotFunction(SLOTS * 2);
            String id = java.util.stream.IntStream.range(0, SLOTS).mapToObj(DataServerTest::idInSlot)
                    .filter(candidate -> theirs.slotOf(candidate) != SLOT_FUNCTION.slotOf(candidate)).findFirst().orElseThrow();
            int slotInTheirTable = theirs.slotOf(id);

            WriteReply write = session.call(misconfigured.address(),
                    new PublishWrite(slotInTheirTable, pub("r1", id, "c1", session.processId())), WriteReply.class);
            DatumReply read = session.call(misconfigured.address(), new GetDatumRequest(slotInTheirTable, id), DatumReply.class);

            assertThat(write.code()).isEqualTo(ErrorCode.UNAVAILABLE);
            assertThat(write.message()).contains(Integer.toString(SLOTS), Integer.toString(SLOTS * 2));
            assertThat(read.code()).isEqualTo(ErrorCode.UNAVAILABLE);
            assertThat(misconfigured.publisherCount()).isZero();
        }
    }

    @Test
    void oversizedDataIsInvalidAndNamesTheLimit() {
        Publisher big = pub("r1", idInSlot(1), "c1", session.processId(), new byte[100]);

        WriteReply reply = publish(session, big);

        assertThat(reply.code()).isEqualTo(ErrorCode.INVALID_REQUEST);
        assertThat(reply.message()).contains("r1", "100 bytes", "over the limit of 64 bytes");
    }

    @Test
    void aNonCanonicalDataInfoIdIsInvalid() {
        String bare = "com.example.Bare";

        DatumReply reply = session.call(data.address(), new GetDatumRequest(SLOT_FUNCTION.slotOf(bare), bare), DatumReply.class);

        assertThat(reply.code()).isEqualTo(ErrorCode.INVALID_REQUEST);
        assertThat(reply.message()).contains("canonical form");
        assertThat(reply.datum()).isNull();
    }

    @Test
    void aSlotLedByAnotherNodeIsRefusedNamingTheSlotAndItsLeader() {
        meta.leadElsewhere(Set.of(6));
        awaitTable();
        String id = idInSlot(6);

        WriteReply write = publish(session, pub("r1", id, "c1", session.processId()));
        DatumReply read = session.call(data.address(), new GetDatumRequest(6, id), DatumReply.class);

        assertThat(write.code()).isEqualTo(ErrorCode.SLOT_NOT_OWNED);
        assertThat(write.message()).contains("slot 6", FakeMeta.OTHER_DATA_NODE);
        assertThat(read.code()).isEqualTo(ErrorCode.SLOT_NOT_OWNED);
        assertThat(publish(session, pub("r2", idInSlot(0), "c1", session.processId())).code()).isEqualTo(ErrorCode.OK);
        assertThat(data.ledSlotCount()).isEqualTo(SLOTS - 1);
    }

    @Test
    void heartbeatsReportTheRoleOfEverySlotHeldAndAFollowerAsNotCaughtUpUntilItSyncedWithItsLeader() {
        meta.leadElsewhere(Set.of(5, 6, 7), Set.of(6));
        awaitTable();

        // the report is built from the table of the request's epoch, so wait for one sent after the table arrived
        await().atMost(Duration.ofSeconds(5)).until(() -> meta.lastRequest() != null && meta.lastRequest().knownEpoch() == meta.epoch());
        List<SlotReplicaState> replicas = meta.lastRequest().replicas();
        assertThat(replicas).hasSize(SLOTS - 2);
        assertThat(replicas).filteredOn(r -> r.role() == ReplicaRole.LEADER).extracting(SlotReplicaState::slotId)
                .containsExactly(0, 1, 2, 3, 4);
        // the leader named for slot 6 does not exist, so this copy never syncs with it
        assertThat(replicas).contains(new SlotReplicaState(6, FakeMeta.LEADER_EPOCH + 1, ReplicaRole.FOLLOWER, false),
                new SlotReplicaState(0, FakeMeta.LEADER_EPOCH, ReplicaRole.LEADER, true));
        assertThat(data.ledSlotCount()).isEqualTo(SLOTS - 3);
    }

    @Test
    void withoutASlotTableWritesAreUnavailable() throws IOException {
        int deadPort;
        try (ServerSocket s = new ServerSocket(0)) {
            deadPort = s.getLocalPort();
        }
        try (DataServer lonely = new DataServer(config("127.0.0.1:" + deadPort))) {
            lonely.start();

            WriteReply reply = session.call(lonely.address(), new PublishWrite(1, pub("r1", idInSlot(1), "c1", session.processId())),
                    WriteReply.class);

            assertThat(reply.code()).isEqualTo(ErrorCode.UNAVAILABLE);
            assertThat(reply.message()).contains("no slot table");
        }
    }

    @Test
    void unpublishRemovesOnlyWhatTheSendingSessionOwns() {
        String id = idInSlot(1);
        session.watch(data.address(), id);
        publish(session, pub("r1", id, "c1", session.processId()));
        ProcessId stranger = new ProcessId("127.0.0.1:40009", 1, 1);

        WriteReply ignored = session.call(data.address(), new UnpublishWrite(1, id, "r1", stranger, 0), WriteReply.class);
        assertThat(ignored.code()).isEqualTo(ErrorCode.OK);
        assertThat(ignored.version()).isEqualTo(FIRST_VERSION);
        assertThat(data.localDatum(id).publishers()).hasSize(1);

        WriteReply removed = session.call(data.address(), new UnpublishWrite(1, id, "r1", session.processId(), 0), WriteReply.class);
        assertThat(removed.code()).isEqualTo(ErrorCode.OK);
        assertThat(removed.version()).isEqualTo(FIRST_VERSION + 1);
        assertThat(data.localDatum(id).publishers()).isEmpty();
        await().atMost(Duration.ofSeconds(5)).until(() -> session.noticed(id, FIRST_VERSION + 1));
    }

    @Test
    void clientOffRemovesTheClientsPublishersOwnedByThatSession() {
        String a = idInSlot(1), b = idInSlot(7);
        session.watch(data.address(), a, b);
        publish(session, pub("r1", a, "c1", session.processId()));
        publish(session, pub("r2", b, "c1", session.processId()));
        publish(session, pub("r3", a, "c2", session.processId()));
        ProcessId otherSession = new ProcessId("127.0.0.1:40009", 1, 1);
        publish(session, pub("r4", b, "c1", otherSession));

        WriteReply reply = session.call(data.address(),
                new ClientOffWrite(session.processId(), "c1", System.currentTimeMillis(), 0), WriteReply.class);

        assertThat(reply.code()).isEqualTo(ErrorCode.OK);
        assertThat(data.localDatum(a).publishers()).extracting(Publisher::registerId).containsExactly("r3");
        assertThat(data.localDatum(b).publishers()).extracting(Publisher::registerId).containsExactly("r4");
        await().atMost(Duration.ofSeconds(5)).until(() -> session.noticed(a, data.localDatum(a).version())
                && session.noticed(b, data.localDatum(b).version()));
    }

    @Test
    void aSessionThatMetaExpiresLosesItsPublishersButAnUnlistedOneKeepsThem() {
        try (FakeSession listed = new FakeSession(SLOTS)) {
            assertThat(listed.call(data.address(), new SessionHello(listed.processId()), SimpleReply.class).ok()).isTrue();
            meta.sessions(listed.node());
            await().atMost(Duration.ofSeconds(5)).until(() -> data.view().sessionNodes().contains(listed.node()));
            String id = idInSlot(4);
            session.watch(data.address(), id);
            publish(listed, pub("listed", id, "c1", listed.processId()));
            // `session` never appears in meta's list: it may be too new to have heartbeated yet.
            publish(session, pub("unlisted", id, "c2", session.processId()));
            assertThat(data.sessionCount()).isEqualTo(2);

            meta.sessions();

            await().atMost(Duration.ofSeconds(5)).until(() -> data.localDatum(id).publishers().size() == 1);
            assertThat(data.localDatum(id).publishers()).extracting(Publisher::registerId).containsExactly("unlisted");
            assertThat(data.sessionCount()).isEqualTo(1);
            long afterExpiry = data.localDatum(id).version();
            await().atMost(Duration.ofSeconds(5)).until(() -> session.noticed(id, afterExpiry));
            int beats = meta.heartbeats();
            await().atMost(Duration.ofSeconds(5)).until(() -> meta.heartbeats() >= beats + 3);
            assertThat(data.localDatum(id).publishers()).hasSize(1);
        }
    }

    @Test
    void aClosedSessionConnectionIsForgotten() {
        assertThat(data.sessionCount()).isEqualTo(1);

        session.close();

        await().atMost(Duration.ofSeconds(5)).until(() -> data.sessionCount() == 0);
        session = null;
    }
}
