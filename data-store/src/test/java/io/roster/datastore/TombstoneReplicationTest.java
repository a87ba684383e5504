package io.roster.datastore;

import com.codahale.metrics.MetricRegistry;
import io.roster.common.config.ConfigKeys;
import io.roster.common.config.RosterConfig;
import io.roster.common.model.Datum;
import io.roster.common.model.Publisher;
import io.roster.common.model.Slot;
import io.roster.common.model.SlotTable;
import io.roster.common.slot.SlotFunction;
import io.roster.common.wire.DatumDigest;
import io.roster.common.wire.ErrorCode;
import io.roster.common.wire.PublishWrite;
import io.roster.common.wire.ReplicaDigestReply;
import io.roster.common.wire.ReplicaDigestRequest;
import io.roster.common.wire.SessionHello;
import io.roster.common.wire.SimpleReply;
import io.roster.common.wire.UnpublishWrite;
import io.roster.common.wire.WriteReply;
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
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tombstone collection across a leader and its follower on real sockets. Each node's grace clock is moved by hand
 * and its sweeps are run on demand, so when a tombstone goes is decided by the test, not by timing.
 */
@Timeout(60)
class TombstoneReplicationTest {
    private static final int SLOTS = 4;
    private static final SlotFunction SLOT_FUNCTION = new SlotFunction(SLOTS);
    private static final long LEADER_EPOCH = 3;
    private static final int GRACE_MS = 600_000; // the scheduled sweeps run every 60 s: none in this test's time
    private static final Duration WAIT = Duration.ofSeconds(15);

    @TempDir
    Path dir;
    private final AtomicLong clockA = new AtomicLong(), clockB = new AtomicLong();
    private FakeMeta meta;
    private FakeSession session;
    private DataServer nodeA, nodeB;
    private String a, b;

    @BeforeEach
    void start() {
        meta = new FakeMeta(SLOTS);
        session = new FakeSession(SLOTS);
        meta.sessions(session.node());
        nodeA = startNode(clockA);
        nodeB = startNode(clockB);
        a = nodeA.address();
        b = nodeB.address();
        List<Slot> slots = new ArrayList<>();
        for (int i = 0; i < SLOTS; i++) {
            slots.add(new Slot(i, a, List.of(b), LEADER_EPOCH));
        }
        meta.fixedTable(new SlotTable(2, slots));
        await().atMost(WAIT).until(() -> nodeA.isReady() && nodeB.isReady());
        assertThat(session.call(a, new SessionHello(session.processId()), SimpleReply.class).ok()).isTrue();
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable c : new AutoCloseable[]{nodeA, nodeB, session, meta}) {
            if (c != null) {
                c.close();
            }
        }
    }

    private DataServer startNode(AtomicLong clock) {
        DataServer node = new DataServer(RosterConfig.builder()
                .set(ConfigKeys.DATA_DIR, dir.toString())
                .set(ConfigKeys.HOST, "127.0.0.1")
                .set(ConfigKeys.DATA_PORT, "0")
                .set(ConfigKeys.META_SERVERS, meta.address())
                .set(ConfigKeys.HEARTBEAT_INTERVAL_MS, "100")
                .set(ConfigKeys.RPC_TIMEOUT_MS, "1000")
                .set(ConfigKeys.DATA_REPLICA_SYNC_INTERVAL_MS, "100")
                .set(ConfigKeys.DATA_TOMBSTONE_GRACE_MS, Integer.toString(GRACE_MS))
                .set(ConfigKeys.CLUSTER_SLOTS, Integer.toString(SLOTS))
                .build(), new MetricRegistry(), clock::get);
        node.start();
        return node;
    }

    private Publisher pub(String registerId, String dataInfoId) {
        return new Publisher(registerId, dataInfoId, "c1", "app", "", List.of(registerId.getBytes(StandardCharsets.UTF_8)), 1,
                session.tick(), session.processId());
    }

    private long publish(Publisher p) {
        session.holds(p);
        WriteReply reply = session.call(a, new PublishWrite(SLOT_FUNCTION.slotOf(p.dataInfoId()), p), WriteReply.class);
        assertThat(reply.code()).isEqualTo(ErrorCode.OK);
        return reply.version();
    }

    private long unpublish(Publisher p) {
        session.forget(p.registerId());
        WriteReply reply = session.call(a, new UnpublishWrite(SLOT_FUNCTION.slotOf(p.dataInfoId()), p.dataInfoId(),
                p.registerId(), session.processId(), session.tick()), WriteReply.class);
        assertThat(reply.code()).isEqualTo(ErrorCode.OK);
        return reply.version();
    }

    private List<String> leaderDigest(int slot) {
        ReplicaDigestReply reply = session.call(a, new ReplicaDigestRequest(slot, LEADER_EPOCH, b), ReplicaDigestReply.class);
        assertThat(reply.ok()).isTrue();
        return reply.datums().stream().map(DatumDigest::dataInfoId).toList();
    }

    /** Follower sync rounds run every 100 ms: waits until one has run after this call. */
    private void awaitFollowerSyncs() {
        long until = System.nanoTime() + Duration.ofMillis(400).toNanos();
        await().atMost(WAIT).until(() -> System.nanoTime() > until);
    }

    @Test
    void aTombstoneIsCollectedByTheLeaderAndItsFollowerAfterTheGraceAndNeverComesBack() throws Exception {
        String id = "com.example.Gone#@#DEFAULT_INSTANCE_ID#@#DEFAULT_GROUP";
        int slot = SLOT_FUNCTION.slotOf(id);
        Publisher p = pub("r1", id);
        publish(p);
        long tombstone = unpublish(p);
        await().atMost(WAIT).until(() -> nodeB.localDatum(id).equals(new Datum(id, tombstone, List.of())));
        nodeA.sweepTombstonesNow();
        nodeB.sweepTombstonesNow();

        clockA.set(GRACE_MS - 1);
        clockB.set(GRACE_MS - 1);
        nodeA.sweepTombstonesNow();
        nodeB.sweepTombstonesNow();
        assertThat(nodeA.localDatum(id).version()).isEqualTo(tombstone);
        assertThat(leaderDigest(slot)).contains(id);

        clockA.set(GRACE_MS);
        nodeA.sweepTombstonesNow();
        assertThat(nodeA.localDatum(id).version()).isZero();
        assertThat(leaderDigest(slot)).doesNotContain(id);
        // The follower's digest syncs neither fetch it back onto the leader's list nor break on it.
        awaitFollowerSyncs();
        assertThat(leaderDigest(slot)).doesNotContain(id);

        clockB.set(GRACE_MS);
        nodeB.sweepTombstonesNow();
        assertThat(nodeB.localDatum(id).version()).isZero();
        awaitFollowerSyncs();
        assertThat(nodeB.localDatum(id).version()).isZero();

        // Published again under the same leaderEpoch: above the old tombstone, on both copies.
        long again = publish(pub("r2", id));
        assertThat(again).isGreaterThan(tombstone);
        await().atMost(WAIT).until(() -> nodeB.localDatum(id).version() == again);
    }
}
