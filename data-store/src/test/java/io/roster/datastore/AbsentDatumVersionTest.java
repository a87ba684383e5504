package io.roster.datastore;

import com.codahale.metrics.MetricRegistry;
import io.roster.common.config.ConfigKeys;
import io.roster.common.model.Publisher;
import io.roster.common.model.Slot;
import io.roster.common.slot.DatumVersions;
import io.roster.common.slot.SlotFunction;
import io.roster.common.wire.DatumDigest;
import io.roster.common.wire.DatumReply;
import io.roster.common.wire.DatumVersionsQuery;
import io.roster.common.wire.DatumVersionsReply;
import io.roster.common.wire.ErrorCode;
import io.roster.common.wire.GetDatumRequest;
import io.roster.common.wire.UnpublishWrite;
import io.roster.common.wire.WriteReply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A datum a data node does not hold (never written, or its tombstone collected) reads at version
 * max(collectedHigh of its slot, floor(leaderEpoch)), never 0, and a version query gives it the same version: the
 * version a session reads for a datum never goes down across tombstone collections and leader changes
 * (APP-DESIGN flow 7). Real sockets, one leader with a follower; the grace clock moved by hand.
 */
@Timeout(60)
class AbsentDatumVersionTest {
    private static final int SLOTS = 4;
    private static final SlotFunction SLOT_FUNCTION = new SlotFunction(SLOTS);
    private static final long LEADER_EPOCH = 3;
    private static final int GRACE_MS = 600_000;

    @TempDir
    Path dir;
    private final AtomicLong clock = new AtomicLong();
    private DataNodesFixture fixture;
    private FakeSession session;
    private DataServer nodeA, nodeB;
    private String a, b;

    @BeforeEach
    void start() {
        fixture = new DataNodesFixture(dir, SLOTS);
        session = fixture.session;
        nodeA = startNode();
        nodeB = startNode();
        a = nodeA.address();
        b = nodeB.address();
        fixture.table(slot -> new Slot(slot, a, List.of(b), LEADER_EPOCH));
        fixture.awaitReadyAndHello(List.of(nodeA, nodeB), a);
    }

    @AfterEach
    void stop() throws Exception {
        DataNodesFixture.closeAll(nodeA, nodeB, fixture);
    }

    private DataServer startNode() {
        DataServer node = new DataServer(fixture.config(0)
                .set(ConfigKeys.DATA_TOMBSTONE_GRACE_MS, Integer.toString(GRACE_MS))
                .build(), new MetricRegistry(), clock::get);
        node.start();
        return node;
    }

    private long read(String id) {
        DatumReply reply = session.call(a, new GetDatumRequest(SLOT_FUNCTION.slotOf(id), id), DatumReply.class);
        assertThat(reply.code()).isEqualTo(ErrorCode.OK);
        assertThat(reply.datum().publishers()).isEmpty();
        return reply.datum().version();
    }

    /** The version the leader's version check gives {@code id} when the session says it pushed {@code pushed}. */
    private List<DatumDigest> versions(String id, long pushed) {
        DatumVersionsReply reply = session.call(a, new DatumVersionsQuery(List.of(id), List.of(pushed)), DatumVersionsReply.class);
        assertThat(reply.code()).isEqualTo(ErrorCode.OK);
        return reply.datums();
    }

    @Test
    void aDatumNeverWrittenReadsAtTheFloorOfItsSlotsLeaderEpochAndVersionChecksAgree() {
        String id = "com.example.Never#@#DEFAULT_INSTANCE_ID#@#DEFAULT_GROUP";

        long version = read(id);

        assertThat(version).isEqualTo(DatumVersions.floor(LEADER_EPOCH));
        assertThat(versions(id, 0)).singleElement().satisfies(d -> {
            assertThat(d.version()).isEqualTo(version);
            assertThat(d.publisherCount()).isZero();
        });
        assertThat(versions(id, version)).as("nothing newer than what was read").isEmpty();
    }

    @Test
    void aCollectedTombstoneReadsAtTheHighestVersionCollectedAndANewWriteGoesAboveIt() throws Exception {
        String id = "com.example.Gone#@#DEFAULT_INSTANCE_ID#@#DEFAULT_GROUP";
        Publisher p = fixture.pub("r1", id);
        assertThat(fixture.publish(a, p).code()).isEqualTo(ErrorCode.OK);
        session.forget(p.registerId());
        WriteReply removed = session.call(a, new UnpublishWrite(SLOT_FUNCTION.slotOf(id), id, p.registerId(),
                session.processId(), session.tick()), WriteReply.class);
        long tombstone = removed.version();
        assertThat(read(id)).isEqualTo(tombstone);
        nodeA.sweepTombstonesNow(); // the sweep that first sees the tombstone starts its grace

        clock.set(GRACE_MS);
        nodeA.sweepTombstonesNow();
        assertThat(nodeA.localDatum(id).version()).as("the tombstone is gone from the store").isZero();

        assertThat(read(id)).isEqualTo(tombstone).isGreaterThan(DatumVersions.floor(LEADER_EPOCH));
        assertThat(versions(id, 0)).singleElement().extracting(DatumDigest::version).isEqualTo(tombstone);
        assertThat(versions(id, tombstone)).isEmpty();
        long again = fixture.publish(a, fixture.pub("r2", id)).version();
        assertThat(again).isGreaterThan(tombstone);
    }
}
