package io.roster.meta.state;

import io.roster.common.model.NodeInfo;
import io.roster.common.model.NodeRole;
import io.roster.common.model.ProcessId;
import io.roster.common.model.Slot;
import io.roster.common.model.SlotTable;
import io.roster.common.rpc.Protostuff;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RecordCodecTest {
    private static final NodeInfo DATA_1 = node(NodeRole.DATA, "127.0.0.1:9621");
    private static final NodeInfo DATA_2 = node(NodeRole.DATA, "127.0.0.1:9622");
    private static final NodeInfo SESSION = node(NodeRole.SESSION, "127.0.0.1:9601");
    private static final SlotTable TABLE_2 = new SlotTable(2, List.of(new Slot(0, DATA_1.address(), List.of(DATA_2.address()), 1),
            new Slot(1, DATA_2.address(), List.of(DATA_1.address()), 2)));

    private static NodeInfo node(NodeRole role, String address) {
        return new NodeInfo(role, address, new ProcessId(address, 100, 42));
    }

    @Test
    void recordBatchesRoundTripWithTheirTypes() {
        List<MetaRecord> records = List.of(new NodeJoined(DATA_1), new NodeExpired(SESSION), new SlotTableChanged(TABLE_2),
                new SlotTableChanged(SlotTable.EMPTY));

        List<MetaRecord> back = RecordCodec.decode(RecordCodec.encode(records));

        assertThat(back).containsExactlyElementsOf(records);
        assertThat(back.get(0)).isInstanceOf(NodeJoined.class);
        assertThat(((SlotTableChanged) back.get(3)).table().slots()).isEmpty();
    }

    @Test
    void unknownOrCorruptEntriesAreRejected() {
        byte[] unknownTag = Protostuff.encode(new RecordCodec.RecordBatch(RecordCodec.FORMAT,
                List.of(new RecordCodec.TaggedRecord(99, new byte[0]))));
        assertThatThrownBy(() -> RecordCodec.decode(unknownTag))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("tag 99");
        assertThatThrownBy(() -> RecordCodec.decode(new byte[]{(byte) 0xff, (byte) 0xff, (byte) 0xff, 0x7f, 1}))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RecordCodec.encode(List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aSwitchThisVersionDoesNotKnowFailsTheEntry() {
        byte[] body = Protostuff.encode(new UnknownSwitch("gravity", true));
        byte[] entry = Protostuff.encode(new RecordCodec.RecordBatch(RecordCodec.FORMAT,
                List.of(new RecordCodec.TaggedRecord(RecordType.SWITCH_CHANGED.tag(), body))));

        assertThatThrownBy(() -> RecordCodec.decode(entry))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("gravity");
    }

    /** The wire shape of {@link SwitchChanged} with any key, as a newer version could write it. */
    private static final class UnknownSwitch {
        private final String key;
        private final boolean on;

        UnknownSwitch(String key, boolean on) {
            this.key = key;
            this.on = on;
        }
    }
}
