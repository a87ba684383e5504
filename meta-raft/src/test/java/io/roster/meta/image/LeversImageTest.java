package io.roster.meta.image;

import io.roster.common.lever.IncidentLevers;
import io.roster.common.lever.Lever;
import io.roster.common.rpc.Protostuff;
import io.roster.meta.state.LeverChanged;
import io.roster.meta.state.MetaRecord;
import io.roster.meta.state.MetaState;
import io.roster.meta.state.MetaStateCodec;
import io.roster.meta.state.RecordCodec;
import org.junit.jupiter.api.Test;

import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Incident levers in meta: the record (tag 7), its replay rule, the image and the snapshot form. */
class LeversImageTest {
    /**
     * A log entry of the first version with levers: client-off 10.0.0.5:4000 on, blacklist-dataid com.bad.* on.
     * Pinned: the log outlives the code; never regenerate it.
     */
    private static final String LEVER_ENTRY = "0801130807121d0a0a636c69656e742d6f666612"
            + "0d31302e302e302e353a34303030180114130807121f0a10626c61636b6c6973742d6461746169641209636f6d2e6261642e2a180114";

    @Test
    void leverRecordsRoundTripAndAPinnedEntryStillDecodes() {
        List<MetaRecord> records = List.of(new LeverChanged(Lever.CLIENT_OFF, "10.0.0.5:4000", true),
                new LeverChanged(Lever.BLACKLIST_DATAID, "com.bad.*", true));
        byte[] encoded = RecordCodec.encode(records);
        assertThat(RecordCodec.decode(encoded)).containsExactlyElementsOf(records);
        assertThat(HexFormat.of().formatHex(encoded)).isEqualTo(LEVER_ENTRY);
        assertThat(RecordCodec.decode(HexFormat.of().parseHex(LEVER_ENTRY))).containsExactlyElementsOf(records);
    }

    @Test
    void aLeverThisVersionDoesNotKnowOrABadValueFailsTheEntry() {
        assertThatThrownBy(() -> RecordCodec.decode(entryOf("blacklist-host", "x"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("blacklist-host");
        assertThatThrownBy(() -> RecordCodec.decode(entryOf("blacklist-ip", "example.com")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("example.com");
    }

    private static byte[] entryOf(String lever, String value) {
        byte[] good = RecordCodec.encode(List.of(new LeverChanged(Lever.GRAY_PUSH, "10.0.0.1", true)));
        String hex = HexFormat.of().formatHex(good);
        // swap the lever key and value inside the one record (protostuff strings: tag, length, bytes)
        String body = "0a" + lenHex(lever) + hexOf(lever) + "12" + lenHex(value) + hexOf(value) + "1801";
        String envelope = "080113080712" + lenHex(body.length() / 2) + body + "14";
        assertThat(hex).startsWith("080113080712");
        return HexFormat.of().parseHex(envelope);
    }

    private static String lenHex(String s) {
        return lenHex(s.length());
    }

    private static String lenHex(int n) {
        return String.format("%02x", n);
    }

    private static String hexOf(String s) {
        return HexFormat.of().formatHex(s.getBytes());
    }

    @Test
    void replayAddsAndRemovesValuesStampedWithTheEntryIndex() {
        MetaImage one = MetaDelta.replaying(MetaImage.EMPTY, List.of(new LeverChanged(Lever.GRAY_PUSH, "10.0.0.7", true)), 5).apply();
        assertThat(one.levers().grayPushIps()).containsExactly("10.0.0.7");
        assertThat(one.levers().version()).isEqualTo(5);

        MetaDelta again = MetaDelta.replaying(one, List.of(new LeverChanged(Lever.GRAY_PUSH, "10.0.0.7", true)), 6);
        assertThat(again.leversChanged()).isFalse();
        assertThat(again.apply()).isSameAs(one);

        MetaDelta off = MetaDelta.replaying(one, List.of(new LeverChanged(Lever.GRAY_PUSH, "10.0.0.7", false)), 9);
        assertThat(off.leversChanged()).isTrue();
        assertThat(off.apply().levers().grayPushIps()).isEmpty();
        assertThat(off.apply().levers().version()).isEqualTo(9);
        assertThat(off.apply().switches()).isEqualTo(one.switches());
    }

    @Test
    void leversSurviveTheSnapshotAndAStateWithoutThemKeepsItsOldBytes() {
        MetaImage image = MetaDelta.replaying(MetaImage.EMPTY, List.of(new LeverChanged(Lever.CLIENT_OFF, "10.0.0.5", true),
                new LeverChanged(Lever.BLACKLIST_IP, "10.0.0.6", true)), 3).apply().atIndex(3);

        MetaState back = MetaStateCodec.decode(MetaStateCodec.encode(image.toSnapshot()));
        MetaImage loaded = MetaImage.fromSnapshot(back);

        assertThat(loaded).isEqualTo(image);
        assertThat(loaded.levers()).isEqualTo(new IncidentLevers(List.of("10.0.0.5"), List.of("10.0.0.6"), List.of(), List.of(), 3));
        assertThat(MetaDelta.loading(MetaImage.EMPTY, loaded).leversChanged()).isTrue();
        // The empty cluster's snapshot bytes are those StoredFormatTest pins: no field for levers never set.
        assertThat(HexFormat.of().formatHex(MetaStateCodec.encode(MetaImage.EMPTY.toSnapshot()))).isEqualTo("1b08001c20002b2c3000");
        assertThat(Protostuff.decode(Protostuff.encode(IncidentLevers.NONE), IncidentLevers.class).isEmpty()).isTrue();
    }
}
