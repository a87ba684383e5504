package io.roster.common.wire;

import io.roster.common.model.Datum;
import io.roster.common.model.ProcessId;
import io.roster.common.model.Publisher;
import io.roster.common.rpc.Protostuff;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Delta reads on the wire: the appended fields round-trip, and old and new peers still understand each other. */
class DatumReadShapesTest {
    private static final String ID = "svc#@#DEFAULT_INSTANCE_ID#@#DEFAULT_GROUP";
    private static final ProcessId SESSION = new ProcessId("10.0.0.1:9600", 1, 2);

    /** GetDatumRequest as an old session (or an old data node) knows it. */
    @SuppressWarnings("unused")
    static final class OldGetDatumRequest {
        private int slotId;
        private String dataInfoId;
        private ProcessId interestedSession;
        private long interestSeq;
    }

    /** DatumReply as it was before delta reads. */
    static final class OldDatumReply extends Reply {
        private final Datum datum;

        OldDatumReply(ErrorCode code, String message, Datum datum) {
            super(code, message);
            this.datum = datum;
        }
    }

    private static Publisher publisher(String registerId, long ts) {
        return new Publisher(registerId, ID, "c1", "app", "zone", List.of(new byte[]{1, 2}), 1, ts, SESSION);
    }

    @Test
    void sinceVersionRoundTripsAndAnOldRequestReadsAsWhole() {
        GetDatumRequest since = new GetDatumRequest(3, ID, SESSION, 5, 42);
        GetDatumRequest back = Protostuff.decode(Protostuff.encode(since), GetDatumRequest.class);
        assertThat(back.sinceVersion()).isEqualTo(42);
        assertThat(back.interestSeq()).isEqualTo(5);

        OldGetDatumRequest old = Protostuff.decode(Protostuff.encode(since), OldGetDatumRequest.class);
        assertThat(old.dataInfoId).isEqualTo(ID);
        GetDatumRequest fromOld = Protostuff.decode(Protostuff.encode(old), GetDatumRequest.class);
        assertThat(fromOld.sinceVersion()).as("an old session asks for the whole datum").isZero();
        assertThat(fromOld.interestedSession()).isEqualTo(SESSION);
    }

    @Test
    void aDeltaRoundTripsAndAnOldNodesWholeReplyIsNoDelta() {
        DatumReply delta = DatumReply.delta(ID, 12, 10, List.of(publisher("p2", 7)), List.of("p1"), 4);
        DatumReply back = Protostuff.decode(Protostuff.encode(delta), DatumReply.class);
        assertThat(back.ok()).isTrue();
        assertThat(back.isDelta()).isTrue();
        assertThat(back.baseVersion()).isEqualTo(10);
        assertThat(back.datum().version()).isEqualTo(12);
        assertThat(back.datum().publishers()).isEmpty();
        assertThat(back.changed()).extracting(Publisher::registerId).containsExactly("p2");
        assertThat(back.removed()).containsExactly("p1");
        assertThat(back.publisherCount()).isEqualTo(4);

        Datum whole = new Datum(ID, 12, List.of(publisher("p1", 5), publisher("p2", 7)));
        DatumReply fromOld = Protostuff.decode(Protostuff.encode(new OldDatumReply(ErrorCode.OK, "", whole)), DatumReply.class);
        assertThat(fromOld.isDelta()).isFalse();
        assertThat(fromOld.datum().publishers()).hasSize(2);
        assertThat(fromOld.publisherCount()).isEqualTo(2);
        assertThat(fromOld.changed()).isEmpty();

        OldDatumReply toOld = Protostuff.decode(Protostuff.encode(new DatumReply(ErrorCode.OK, "", whole)), OldDatumReply.class);
        assertThat(toOld.datum.publishers()).hasSize(2);
    }
}
