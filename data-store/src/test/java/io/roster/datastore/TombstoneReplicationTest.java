package io.roster.datastore;

import com.codahale.metrics.MetricRegistry;
import io.roster.common.config.ConfigKeys;
import io.roster.common.model.Datum;
import io.roster.common.model.Publisher;
import io.roster.common.model.Slot;
import io.roster.common.slot.SlotFunction;
import io.roster.common.wire.DatumDigest;
import io.roster.common.wire.ErrorCode;
import io.roster.common.wire.ReplicaDigestReply;
import io.roster.common.wire.ReplicaDigestRequest;
import io.roster.common.wire.UnpublishWrite;
import io.roster.common.wire.WriteReply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
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
    private static final Duration WAIT = DataNodesFixture.WAIT;

    @TempDir
    Path dir;
    private final AtomicLong clockA = new AtomicLong(), clockB = new AtomicLong();
    private DataNodesFixture fixture;
    private FakeSession session;
    private DataServer nodeA, nodeB;
    private String a, b;

    @BeforeEach
    void start() {
        fixture = new DataNodesFixture(dir, SLOTS);
        session = fixture.session;
        nodeA = startNode(clockA);
        nodeB = startNode(clockB);
        a = nodeA.address();
        b = nodeB.address();
        fixture.table(slot -> new Slot(slot, a, List.of(b), LEADER_EPOCH));
        fixture.awaitReadyAndHello(List.of(nodeA, nodeB), a);
    }

    @AfterEach
    void stop() throws Exception {
        DataNodesFixture.closeAll(nodeA, nodeB, fixture);
    }

    private DataServer startNode(AtomicLong clock) {
        DataServer node = new DataServer(fixture.config(0)
                .set(ConfigKeys.DATA_REPLICA_SYNC_INTERVAL_MS, "100")
                .set(ConfigKeys.DATA_TOMBSTONE_GRACE_MS, Integer.toString(GRACE_MS))
                .build(), new MetricRegistry(), clock::get);
        node.start();
        return node;
    }

    private Publisher pub(String registerId, String dataInfoId) {
        return fixture.pub(registerId, dataInfoId);
    }

    private long publish(Publisher p) {
        WriteReply reply = fixture.publish(a, p);
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
