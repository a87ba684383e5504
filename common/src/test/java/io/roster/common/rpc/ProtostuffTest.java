package io.roster.common.rpc;

import io.roster.common.model.Datum;
import io.roster.common.model.NodeInfo;
import io.roster.common.model.NodeRole;
import io.roster.common.model.ProcessId;
import io.roster.common.model.Publisher;
import io.roster.common.model.Slot;
import io.roster.common.model.SlotTable;
import io.roster.common.wire.ErrorCode;
import io.roster.common.wire.HeartbeatReply;
import io.roster.common.wire.PublishRequest;
import io.roster.common.wire.PushEntry;
import io.roster.common.wire.PushMessage;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProtostuffTest {
    private static final ProcessId SESSION = new ProcessId("127.0.0.1:9601", 1234L, 42L);

    @Test
    void immutableMessagesRoundTripWithBytesAndEmptyLists() {
        Publisher p = new Publisher("r1", "svc#@#DEFAULT_INSTANCE_ID#@#DEFAULT_GROUP", "c1", "app", "",
                List.of("10.0.0.1:12200".getBytes(StandardCharsets.UTF_8), new byte[0]), 3, 99, SESSION);
        Datum d = new Datum(p.dataInfoId(), 7L << 32 | 5, List.of(p));
        Datum back = Protostuff.decode(Protostuff.encode(d), Datum.class);
        assertThat(back).isEqualTo(d);
        assertThat(back.publishers().get(0).data()).hasSize(2);

        Datum empty = Protostuff.decode(Protostuff.encode(Datum.absent("x")), Datum.class);
        assertThat(empty.publishers()).isEmpty();
        assertThat(empty.version()).isZero();

        PushMessage push = new PushMessage("x", 1, List.of(), List.of());
        PushMessage pushBack = Protostuff.decode(Protostuff.encode(push), PushMessage.class);
        assertThat(pushBack.subscriberIds()).isEmpty();
        assertThat(pushBack.data()).isEmpty();
    }

    @Test
    void repliesKeepTheirCodeAndNullableFields() {
        SlotTable table = new SlotTable(4, List.of(new Slot(0, "a:1", List.of("b:2"), 4), new Slot(1, "", List.of(), 0)));
        HeartbeatReply r = new HeartbeatReply(ErrorCode.OK, null, "m:1", table,
                List.of(new NodeInfo(NodeRole.DATA, "a:1", SESSION)), List.of());
        HeartbeatReply back = Protostuff.decode(Protostuff.encode(r), HeartbeatReply.class);
        assertThat(back.ok()).isTrue();
        assertThat(back.slotTable()).isEqualTo(table);
        assertThat(back.dataNodes()).containsExactly(new NodeInfo(NodeRole.DATA, "a:1", SESSION));
        assertThat(back.sessionNodes()).isEmpty();
        assertThat(back.metaVersion()).isZero();
        assertThat(Protostuff.decode(Protostuff.encode(new HeartbeatReply(ErrorCode.OK, "", "m:1", null, List.of(), List.of(),
                null, 42)), HeartbeatReply.class).metaVersion()).isEqualTo(42);

        HeartbeatReply redirect = Protostuff.decode(Protostuff.encode(
                new HeartbeatReply(ErrorCode.NOT_LEADER, "ask m:2", "m:2", null, List.of(), List.of())), HeartbeatReply.class);
        assertThat(redirect.code()).isEqualTo(ErrorCode.NOT_LEADER);
        assertThat(redirect.slotTable()).isNull();
        assertThat(redirect.message()).isEqualTo("ask m:2");
    }

    /** That an older writer's Publisher (without the field) decodes with generation 0: testkit's PublisherWithoutGenerationTest. */
    @Test
    void theConnectionGenerationRoundTrips() {
        Publisher p = new Publisher("r1", "svc", "c1", "app", "z", List.of(new byte[]{1}), 3, 99, SESSION, 7);
        assertThat(Protostuff.decode(Protostuff.encode(p), Publisher.class)).isEqualTo(p)
                .extracting(Publisher::connectionGeneration).isEqualTo(7L);
        PublishRequest q = new PublishRequest("c1", "app", "r1", "svc", List.of(new byte[]{1}), 3, "z", 5);
        assertThat(Protostuff.decode(Protostuff.encode(q), PublishRequest.class).connectionGeneration()).isEqualTo(5);
    }

    @Test
    void garbageIsAnIllegalArgument() {
        assertThatThrownBy(() -> Protostuff.decode(new byte[]{(byte) 0xff, (byte) 0xff, (byte) 0xff, 0x7f, 1, 2}, Datum.class))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("malformed Datum");
    }

    /**
     * Found by WireDecodeFuzzTest (corpus input crash-bytes-length-overflows-offset): a bytes field announcing
     * 2^31 - 1 bytes passed protostuff's {@code offset + size > limit} check by int overflow, and a 9-byte body had
     * the decoder allocate a 2 GiB array (OutOfMemoryError in any JVM). Lengths are now checked against the bytes left.
     */
    @Test
    void aLengthPrefixPastTheEndIsRefusedBeforeItsBytesAreAllocated() {
        byte[] items = {0x1a, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x07, 0x03}; // PushEntry.items
        assertThatThrownBy(() -> Protostuff.decode(items, PushEntry.class)).isInstanceOf(IllegalArgumentException.class);
        byte[] data = {0x2a, (byte) 0xfe, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x07, 0x03}; // PublishRequest.data
        assertThatThrownBy(() -> Protostuff.decode(data, PublishRequest.class)).isInstanceOf(IllegalArgumentException.class);
        byte[] clientId = {0x0a, (byte) 0xfe, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x07, 'a'}; // a string
        assertThatThrownBy(() -> Protostuff.decode(clientId, PublishRequest.class)).isInstanceOf(IllegalArgumentException.class);
    }
}
