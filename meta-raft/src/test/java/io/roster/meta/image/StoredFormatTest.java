package io.roster.meta.image;

import io.roster.common.model.NodeInfo;
import io.roster.common.model.NodeRole;
import io.roster.common.model.ProcessId;
import io.roster.common.model.Slot;
import io.roster.common.model.SlotTable;
import io.roster.common.model.Switch;
import io.roster.common.model.Switches;
import io.roster.meta.state.MetaRecord;
import io.roster.meta.state.MetaState;
import io.roster.meta.state.MetaStateCodec;
import io.roster.meta.state.NodeExpired;
import io.roster.meta.state.NodeJoined;
import io.roster.meta.state.RecordCodec;
import io.roster.meta.state.SlotTableChanged;
import io.roster.meta.state.SwitchChanged;
import org.junit.jupiter.api.Test;

import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Raft log and the snapshots outlive the code: bytes written by an earlier version must still load. These
 * hex strings were produced by the classes as of commit 13c189c (before the meta image refactor); never
 * regenerate them, add new cases instead.
 */
class StoredFormatTest {
    private static final NodeInfo DATA_1 = node(NodeRole.DATA, "127.0.0.1:9621");
    private static final NodeInfo DATA_2 = node(NodeRole.DATA, "127.0.0.1:9622");
    private static final NodeInfo SESSION = node(NodeRole.SESSION, "127.0.0.1:9601");
    private static final SlotTable TABLE = new SlotTable(2, List.of(new Slot(0, DATA_1.address(), List.of(DATA_2.address()), 1),
            new Slot(1, DATA_2.address(), List.of(DATA_1.address()), 2)));

    /** One log entry: joins of DATA_1, DATA_2, SESSION, the expiry of DATA_2, TABLE, push turned off. */
    private static final String ENTRY = "0801130801122a0b0801120e3132372e302e302e313a393632311b0a0e3132372e302e302e313a39"
            + "3632311064182a1c0c14130801122a0b0801120e3132372e302e302e313a393632321b0a0e3132372e302e302e313a393632321064"
            + "182a1c0c14130801122a0b0802120e3132372e302e302e313a393630311b0a0e3132372e302e302e313a393630311064182a1c0c14"
            + "130802122a0b0801120e3132372e302e302e313a393632321b0a0e3132372e302e302e313a393632321064182a1c0c1413080312500b"
            + "0802130800120e3132372e302e302e313a393632311a0e3132372e302e302e313a39363232200114130801120e3132372e302e302e31"
            + "3a393632321a0e3132372e302e302e313a393632312002140c1413080412080a0470757368100014";
    /** A snapshot: DATA_1, DATA_2 and SESSION live, TABLE, push off, applied up to index 17. */
    private static final String STATE = "0b0801120e3132372e302e302e313a393632311b0a0e3132372e302e302e313a3936323110641"
            + "82a1c0c0b0801120e3132372e302e302e313a393632321b0a0e3132372e302e302e313a393632321064182a1c0c130802120e313237"
            + "2e302e302e313a393630311b0a0e3132372e302e302e313a393630311064182a1c141b0802130800120e3132372e302e302e313a3936"
            + "32311a0e3132372e302e302e313a39363232200114130801120e3132372e302e302e313a393632321a0e3132372e302e302e313a3936"
            + "32312002141c20022b08002c3011";
    /** The snapshot of an empty cluster. */
    private static final String EMPTY = "1b08001c20002b2c3000";

    private static NodeInfo node(NodeRole role, String address) {
        return new NodeInfo(role, address, new ProcessId(address, 100, 42));
    }

    private static byte[] bytes(String hex) {
        return HexFormat.of().parseHex(hex);
    }

    @Test
    void aLogEntryWrittenByTheEarlierVersionDecodesAndEncodesToTheSameBytes() {
        List<MetaRecord> expected = List.of(new NodeJoined(DATA_1), new NodeJoined(DATA_2), new NodeJoined(SESSION),
                new NodeExpired(DATA_2), new SlotTableChanged(TABLE), new SwitchChanged(Switch.PUSH, false));

        List<MetaRecord> decoded = RecordCodec.decode(bytes(ENTRY));

        assertThat(decoded).containsExactlyElementsOf(expected);
        assertThat(HexFormat.of().formatHex(RecordCodec.encode(expected))).isEqualTo(ENTRY);

        MetaImage replayed = MetaDelta.replaying(MetaImage.EMPTY, decoded).apply();
        assertThat(replayed.dataNodes()).containsExactly(DATA_1);
        assertThat(replayed.sessionNodes()).containsExactly(SESSION);
        assertThat(replayed.slotTable()).isEqualTo(TABLE);
        assertThat(replayed.switches().pushEnabled()).isFalse();
    }

    @Test
    void aSnapshotWrittenByTheEarlierVersionDecodesAndEncodesToTheSameBytes() {
        MetaState decoded = MetaStateCodec.decode(bytes(STATE));

        assertThat(decoded.dataNodes()).containsExactly(DATA_1, DATA_2);
        assertThat(decoded.sessionNodes()).containsExactly(SESSION);
        assertThat(decoded.slotTable()).isEqualTo(TABLE);
        assertThat(decoded.lastSlotEpoch()).isEqualTo(2);
        assertThat(decoded.switches()).isEqualTo(Switches.DEFAULTS.with(Switch.PUSH, false));
        assertThat(decoded.appliedIndex()).isEqualTo(17);
        assertThat(HexFormat.of().formatHex(MetaStateCodec.encode(decoded))).isEqualTo(STATE);
        MetaImage image = MetaImage.fromSnapshot(decoded);
        assertThat(image.slots().lastEpoch()).isEqualTo(2);
        assertThat(image.appliedIndex()).isEqualTo(17);
        assertThat(HexFormat.of().formatHex(MetaStateCodec.encode(image.toSnapshot()))).isEqualTo(STATE);

        MetaState empty = MetaStateCodec.decode(bytes(EMPTY));
        assertThat(empty.dataNodes()).isEmpty();
        assertThat(empty.slotTable()).isEqualTo(SlotTable.EMPTY);
        assertThat(empty.switches()).isEqualTo(Switches.DEFAULTS);
        assertThat(HexFormat.of().formatHex(MetaStateCodec.encode(empty))).isEqualTo(EMPTY);
        assertThat(HexFormat.of().formatHex(MetaStateCodec.encode(MetaImage.EMPTY.toSnapshot()))).isEqualTo(EMPTY);
    }
}
