package io.roster.common.wire;

import io.roster.common.model.InvalidInputException;
import io.roster.common.rpc.Protostuff;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Delta push on the wire: keyed pushes round-trip, deflated or not, and plain ones keep the shape older SDKs know. */
class PushMessageShapesTest {
    private static final String ID = "svc#@#DEFAULT_INSTANCE_ID#@#DEFAULT_GROUP";

    /** PushMessage as it was before delta push: an older SDK's (or session's) class. */
    @SuppressWarnings("unused")
    static final class OldPushMessage {
        private String dataInfoId;
        private long version;
        private List<String> subscriberIds;
        private List<byte[]> data;
        private byte[] deflated;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aPlainPushIsStillDecodedByAnOlderSdkAndAnOlderPushByThisOne() {
        PushMessage plain = new PushMessage(ID, 7, List.of("s1"), List.of(utf8("a:1"), utf8("b:2")));
        OldPushMessage old = Protostuff.decode(Protostuff.encode(plain), OldPushMessage.class);
        assertThat(old.dataInfoId).isEqualTo(ID);
        assertThat(old.version).isEqualTo(7);
        assertThat(old.subscriberIds).containsExactly("s1");
        assertThat(old.data).hasSize(2);
        assertThat(new String(old.data.get(1), StandardCharsets.UTF_8)).isEqualTo("b:2");
        assertThat(old.deflated).isNull();

        old.deflated = PushDeflate.deflate(List.of(utf8("c:3")));
        old.data = List.of();
        PushMessage back = Protostuff.decode(Protostuff.encode(old), PushMessage.class);
        assertThat(back.isKeyed()).isFalse();
        assertThat(back.isDelta()).isFalse();
        assertThat(back.baseVersion()).isZero();
        assertThat(back.entries()).isEmpty();
        assertThat(back.inflated(1024).data()).extracting(b -> new String(b, StandardCharsets.UTF_8)).containsExactly("c:3");
    }

    @Test
    void keyedFullAndDeltaPushesRoundTrip() {
        PushMessage full = PushMessage.keyed(ID, 9, List.of("s1", "s2"), 0,
                List.of(new PushEntry("p1", 100, List.of(utf8("a:1"))), new PushEntry("p2", 101, List.of(utf8("b:2"), new byte[0]))),
                List.of());
        PushMessage fullBack = Protostuff.decode(Protostuff.encode(full), PushMessage.class);
        assertThat(fullBack.isKeyed()).isTrue();
        assertThat(fullBack.isDelta()).isFalse();
        assertThat(fullBack.subscriberIds()).containsExactly("s1", "s2");
        assertThat(fullBack.entries()).extracting(PushEntry::key).containsExactly("p1", "p2");
        assertThat(fullBack.entries().get(1).order()).isEqualTo(101);
        assertThat(fullBack.entries().get(1).items()).hasSize(2);
        assertThat(fullBack.data()).isEmpty();

        PushMessage delta = PushMessage.keyed(ID, 10, List.of("s1"), 9,
                List.of(new PushEntry("p3", 102, List.of(utf8("c:3")))), List.of("p1"));
        PushMessage deltaBack = Protostuff.decode(Protostuff.encode(delta), PushMessage.class);
        assertThat(deltaBack.isDelta()).isTrue();
        assertThat(deltaBack.baseVersion()).isEqualTo(9);
        assertThat(deltaBack.removedKeys()).containsExactly("p1");
        assertThat(deltaBack.entries()).extracting(PushEntry::key).containsExactly("p3");

        PushMessage empty = Protostuff.decode(Protostuff.encode(PushMessage.keyed(ID, 11, List.of("s1"), 0, List.of(),
                List.of())), PushMessage.class);
        assertThat(empty.isKeyed()).as("an empty keyed full list stays keyed").isTrue();
        assertThat(empty.entries()).isEmpty();
    }

    @Test
    void keyedPushesTravelDeflatedAndAreBoundedWhenInflated() {
        List<PushEntry> entries = List.of(new PushEntry("p1", 5, List.of(utf8("10.0.0.1:12200"), new byte[0])),
                new PushEntry("p2", 6, List.of(utf8("10.0.0.2:12200"))));
        byte[] packed = PushEntriesDeflate.deflate(entries, List.of("gone"));
        PushMessage sent = PushMessage.keyedDeflated(ID, 12, List.of("s1"), 11, packed).forSubscribers(List.of("s9"));
        PushMessage back = Protostuff.decode(Protostuff.encode(sent), PushMessage.class);
        assertThat(back.isDeflated()).isTrue();
        assertThat(back.payloadBytes()).isEqualTo(packed.length);
        PushMessage plain = back.inflated(1 << 20);
        assertThat(plain.isDeflated()).isFalse();
        assertThat(plain.isDelta()).isTrue();
        assertThat(plain.subscriberIds()).containsExactly("s9");
        assertThat(plain.baseVersion()).isEqualTo(11);
        assertThat(plain.removedKeys()).containsExactly("gone");
        assertThat(plain.entries()).extracting(PushEntry::key).containsExactly("p1", "p2");
        assertThat(plain.entries().get(0).items().get(0)).isEqualTo(utf8("10.0.0.1:12200"));
        assertThat(plain.entries().get(0).order()).isEqualTo(5);

        assertThatThrownBy(() -> back.inflated(20)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("larger than 20 bytes");
        assertThatThrownBy(() -> PushMessage.keyedDeflated(ID, 1, List.of(), 0, new byte[]{1, 2, 3}).inflated(1024))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("corrupt");
        byte[] bomb = PushEntriesDeflate.deflate(List.of(new PushEntry("k", 0, Collections.nCopies(100_000, new byte[0]))),
                List.of());
        assertThatThrownBy(() -> PushEntriesDeflate.inflate(bomb, 1 << 16)).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void helloAndTheFullListRefusalRoundTrip() {
        ClientHello hello = Protostuff.decode(Protostuff.encode(new ClientHello("c1", List.of(ClientHello.PUSH_DELTA))),
                ClientHello.class);
        assertThat(hello.clientId()).isEqualTo("c1");
        assertThat(hello.capabilities()).containsExactly(ClientHello.PUSH_DELTA);
        assertThat(Protostuff.decode(Protostuff.encode(new ClientHello("c2", List.of())), ClientHello.class).capabilities())
                .isEmpty();

        PushAck refusal = Protostuff.decode(Protostuff.encode(PushAck.wantsFullList("holds v3")), PushAck.class);
        assertThat(refusal.ok()).isFalse();
        assertThat(refusal.wantsFullList()).isTrue();
        SimpleReply asOlderSessionReadsIt = Protostuff.decode(Protostuff.encode(PushAck.wantsFullList("x")), SimpleReply.class);
        assertThat(asOlderSessionReadsIt.code()).as("the appended field leaves code and message in place")
                .isEqualTo(ErrorCode.INVALID_REQUEST);
        assertThat(asOlderSessionReadsIt.message()).isEqualTo("x");
        PushAck ok = Protostuff.decode(Protostuff.encode(new PushAck(ErrorCode.OK, "")), PushAck.class);
        assertThat(ok.ok()).isTrue();
        assertThat(ok.wantsFullList()).isFalse();
    }
}
