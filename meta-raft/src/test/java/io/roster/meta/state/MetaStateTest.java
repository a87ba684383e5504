package io.roster.meta.state;

import io.roster.common.model.NodeInfo;
import io.roster.common.model.NodeRole;
import io.roster.common.model.ProcessId;
import io.roster.common.model.Slot;
import io.roster.common.model.SlotTable;
import io.roster.common.model.Switch;
import io.roster.common.model.Switches;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MetaStateTest {
    private static final NodeInfo DATA_1 = node(NodeRole.DATA, "127.0.0.1:9621", 100);
    private static final NodeInfo DATA_1_RESTARTED = node(NodeRole.DATA, "127.0.0.1:9621", 200);
    private static final NodeInfo DATA_2 = node(NodeRole.DATA, "127.0.0.1:9622", 100);
    private static final NodeInfo SESSION = node(NodeRole.SESSION, "127.0.0.1:9601", 100);
    private static final SlotTable TABLE_1 = new SlotTable(1, List.of(new Slot(0, DATA_1.address(), List.of(), 1),
            new Slot(1, DATA_1.address(), List.of(), 1)));
    private static final SlotTable TABLE_2 = new SlotTable(2, List.of(new Slot(0, DATA_1.address(), List.of(DATA_2.address()), 1),
            new Slot(1, DATA_2.address(), List.of(DATA_1.address()), 2)));

    private static NodeInfo node(NodeRole role, String address, long start) {
        return new NodeInfo(role, address, new ProcessId(address, start, 42));
    }

    @Test
    void recordsApplyInOrder() {
        MetaState s = RecordCodec.applyAll(MetaState.EMPTY, List.of(new NodeJoined(DATA_2), new NodeJoined(SESSION),
                new NodeJoined(DATA_1), new SlotTableChanged(TABLE_1), new SlotTableChanged(TABLE_2)));

        assertThat(s.dataNodes()).containsExactly(DATA_1, DATA_2);
        assertThat(s.sessionNodes()).containsExactly(SESSION);
        assertThat(s.dataAddresses()).containsExactly(DATA_1.address(), DATA_2.address());
        assertThat(s.slotTable()).isEqualTo(TABLE_2);
        assertThat(s.lastSlotEpoch()).isEqualTo(2);

        MetaState expired = new NodeExpired(DATA_2).applyTo(s);
        assertThat(expired.dataNodes()).containsExactly(DATA_1);
        assertThat(expired.slotTable()).isEqualTo(TABLE_2);
    }

    @Test
    void aNewProcessReplacesTheOldOneAndTheOldOnesExpiryIsIgnored() {
        MetaState s = new NodeJoined(DATA_1).applyTo(MetaState.EMPTY);
        MetaState restarted = new NodeJoined(DATA_1_RESTARTED).applyTo(s);

        assertThat(restarted.dataNodes()).containsExactly(DATA_1_RESTARTED);
        assertThat(restarted.contains(DATA_1)).isFalse();
        assertThat(restarted.contains(DATA_1_RESTARTED)).isTrue();
        assertThat(new NodeExpired(DATA_1).applyTo(restarted)).isEqualTo(restarted);
        assertThat(new NodeExpired(DATA_1_RESTARTED).applyTo(restarted).dataNodes()).isEmpty();
    }

    @Test
    void aStaleSlotTableIsIgnored() {
        MetaState s = new SlotTableChanged(TABLE_2).applyTo(MetaState.EMPTY);

        assertThat(new SlotTableChanged(TABLE_1).applyTo(s)).isSameAs(s);
        assertThat(new SlotTableChanged(new SlotTable(2, List.of())).applyTo(s)).isSameAs(s);
    }

    @Test
    void onlyDataAndSessionNodesJoin() {
        assertThatThrownBy(() -> new NodeJoined(node(NodeRole.META, "127.0.0.1:9611", 1)).applyTo(MetaState.EMPTY))
                .isInstanceOf(IllegalArgumentException.class);
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
        byte[] unknownTag = io.roster.common.rpc.Protostuff.encode(new RecordCodec.RecordBatch(RecordCodec.FORMAT,
                List.of(new RecordCodec.TaggedRecord(99, new byte[0]))));
        assertThatThrownBy(() -> RecordCodec.decode(unknownTag))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("tag 99");
        assertThatThrownBy(() -> RecordCodec.decode(new byte[]{(byte) 0xff, (byte) 0xff, (byte) 0xff, 0x7f, 1}))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RecordCodec.encode(List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void wholeStateRoundTrips() {
        MetaState s = RecordCodec.applyAll(MetaState.EMPTY, List.of(new NodeJoined(DATA_1), new NodeJoined(DATA_2),
                new NodeJoined(SESSION), new SlotTableChanged(TABLE_2)));

        MetaState back = MetaStateCodec.decode(MetaStateCodec.encode(s));

        assertThat(back).isEqualTo(s);
        assertThat(back.lastSlotEpoch()).isEqualTo(2);
        assertThat(MetaStateCodec.decode(MetaStateCodec.encode(MetaState.EMPTY))).isEqualTo(MetaState.EMPTY);
        assertThatThrownBy(() -> back.dataNodes().add(SESSION)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void theAppliedIndexTravelsWithTheStateAndThroughSnapshotsButIsNoPartOfItsContent() {
        MetaState s = new NodeJoined(DATA_1).applyTo(MetaState.EMPTY).atIndex(41);

        assertThat(new NodeJoined(SESSION).applyTo(s).appliedIndex()).isEqualTo(41);
        assertThat(MetaStateCodec.decode(MetaStateCodec.encode(s)).appliedIndex()).isEqualTo(41);
        // nodes that applied the same log hold equal content whether it came from the log or a snapshot
        assertThat(s.atIndex(45)).isEqualTo(s);
    }

    @Test
    void switchesStartAtTheirDefaultsChangeThroughTheLogAndRoundTrip() {
        assertThat(MetaState.EMPTY.switches().pushEnabled()).isTrue();
        MetaState off = RecordCodec.applyAll(MetaState.EMPTY, RecordCodec.decode(RecordCodec.encode(List.of(
                new NodeJoined(DATA_1), new SwitchChanged(Switch.PUSH, false)))));

        assertThat(off.switches().pushEnabled()).isFalse();
        assertThat(off).isNotEqualTo(new NodeJoined(DATA_1).applyTo(MetaState.EMPTY));
        assertThat(MetaStateCodec.decode(MetaStateCodec.encode(off))).isEqualTo(off);
        MetaState on = new SwitchChanged(Switch.PUSH, true).applyTo(off);
        assertThat(on.switches()).isEqualTo(Switches.DEFAULTS);
        assertThat(new SwitchChanged(Switch.PUSH, true).applyTo(on)).isSameAs(on);
    }

    @Test
    void aSwitchThisVersionDoesNotKnowFailsTheEntry() {
        byte[] body = io.roster.common.rpc.Protostuff.encode(new UnknownSwitch("gravity", true));
        byte[] entry = io.roster.common.rpc.Protostuff.encode(new RecordCodec.RecordBatch(RecordCodec.FORMAT,
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
