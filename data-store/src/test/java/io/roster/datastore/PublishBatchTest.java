package io.roster.datastore;

import io.roster.common.config.ConfigKeys;
import io.roster.common.config.RosterConfig;
import io.roster.common.model.Publisher;
import io.roster.common.slot.DatumVersions;
import io.roster.common.slot.SlotFunction;
import io.roster.common.wire.ErrorCode;
import io.roster.common.wire.PublishBatch;
import io.roster.common.wire.PublishBatchReply;
import io.roster.common.wire.PublishWrite;
import io.roster.common.wire.SessionHello;
import io.roster.common.wire.SimpleReply;
import io.roster.common.wire.WriteReply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A data node answering a {@link PublishBatch}: one answer per write, bad ones refused alone, the rest applied. */
@Timeout(30)
class PublishBatchTest {
    private static final int SLOTS = 8;
    private static final SlotFunction SLOT_FUNCTION = new SlotFunction(SLOTS);
    private static final long FIRST_VERSION = DatumVersions.floor(FakeMeta.LEADER_EPOCH) + 1;

    private FakeMeta meta;
    private DataServer data;
    private FakeSession session;
    @TempDir
    Path dataDir;

    @BeforeEach
    void start() {
        meta = new FakeMeta(SLOTS);
        data = new DataServer(RosterConfig.builder()
                .set(ConfigKeys.DATA_DIR, dataDir.toString())
                .set(ConfigKeys.HOST, "127.0.0.1")
                .set(ConfigKeys.DATA_PORT, "0")
                .set(ConfigKeys.META_SERVERS, meta.address())
                .set(ConfigKeys.HEARTBEAT_INTERVAL_MS, "100")
                .set(ConfigKeys.RPC_TIMEOUT_MS, "1000")
                .set(ConfigKeys.CLUSTER_SLOTS, Integer.toString(SLOTS))
                .set(ConfigKeys.LIMITS_DATA_ITEM_MAX_BYTES, "64")
                .build());
        data.start();
        session = new FakeSession(SLOTS);
        meta.leadElsewhere(Set.of(6));
        await().atMost(Duration.ofSeconds(10)).until(() -> data.servedTableEpoch() == meta.epoch());
        await().atMost(Duration.ofSeconds(10)).until(data::isReady);
        assertThat(session.call(data.address(), new SessionHello(session.processId()), SimpleReply.class).ok()).isTrue();
    }

    @AfterEach
    void stop() throws Exception {
        DataNodesFixture.closeAll(session, data, meta);
    }

    private static String idInSlot(int slot, int n) {
        return DataNodesFixture.idInSlot(SLOT_FUNCTION, slot, n);
    }

    private Publisher pub(String registerId, String dataInfoId, byte[] data) {
        return new Publisher(registerId, dataInfoId, "c1", "echo-app", "zone-a", List.of(data), 1,
                System.currentTimeMillis(), session.processId());
    }

    private Publisher pub(String registerId, String dataInfoId) {
        return pub(registerId, dataInfoId, ("10.0.0.1:" + registerId).getBytes(StandardCharsets.UTF_8));
    }

    private static PublishWrite write(Publisher p) {
        return new PublishWrite(SLOT_FUNCTION.slotOf(p.dataInfoId()), p);
    }

    @Test
    void aBadWriteIsAnsweredOnItsOwnAndTheOthersAreApplied() {
        String a = idInSlot(2, 0), b = idInSlot(3, 0);
        session.watch(data.address(), a);
        session.watch(data.address(), b);
        List<PublishWrite> writes = List.of(
                write(pub("r1", a)),
                write(pub("big", a, new byte[100])),                 // over the data item limit
                new PublishWrite(4, pub("wrong-slot", b)),            // b is not in slot 4
                write(pub("r2", a)),
                write(pub("elsewhere", idInSlot(6, 0))),              // led by another node
                write(pub("r3", b)));

        PublishBatchReply reply = session.call(data.address(), new PublishBatch(writes), PublishBatchReply.class);

        assertThat(reply.code()).isEqualTo(ErrorCode.OK);
        assertThat(reply.replies()).extracting(WriteReply::code).containsExactly(ErrorCode.OK, ErrorCode.INVALID_REQUEST,
                ErrorCode.INVALID_REQUEST, ErrorCode.OK, ErrorCode.SLOT_NOT_OWNED, ErrorCode.OK);
        assertThat(reply.replies().get(1).message()).contains("big", "over the limit of 64 bytes");
        assertThat(reply.replies()).extracting(WriteReply::version)
                .containsExactly(FIRST_VERSION, 0L, 0L, FIRST_VERSION, 0L, FIRST_VERSION);
        assertThat(data.localDatum(a).publishers()).extracting(Publisher::registerId).containsExactlyInAnyOrder("r1", "r2");
        assertThat(data.localDatum(b).publishers()).extracting(Publisher::registerId).containsExactly("r3");
        assertThat(data.publisherCount()).isEqualTo(3);
        // one change per datum for the whole batch: one notice each
        await().atMost(Duration.ofSeconds(5)).until(() -> session.noticed(a, FIRST_VERSION) && session.noticed(b, FIRST_VERSION));
        assertThat(session.notices()).filteredOn(n -> n.dataInfoId().equals(a)).hasSize(1);
    }
}
