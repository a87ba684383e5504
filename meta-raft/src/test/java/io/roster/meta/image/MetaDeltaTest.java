package io.roster.meta.image;

import io.roster.common.model.NodeInfo;
import io.roster.common.model.NodeRole;
import io.roster.common.model.ProcessId;
import io.roster.common.model.Slot;
import io.roster.common.model.SlotTable;
import io.roster.common.model.Switch;
import io.roster.common.model.Switches;
import io.roster.meta.state.MetaRecord;
import io.roster.meta.state.MetaStateCodec;
import io.roster.meta.state.NodeExpired;
import io.roster.meta.state.NodeJoined;
import io.roster.meta.state.RecordCodec;
import io.roster.meta.state.RecordType;
import io.roster.meta.state.SlotTableChanged;
import io.roster.meta.state.SwitchChanged;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MetaDeltaTest {
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

    private static MetaImage apply(MetaImage base, MetaRecord... records) {
        return MetaDelta.replaying(base, List.of(records)).apply();
    }

    private static MetaImage roundTrip(MetaImage image) {
        return MetaImage.fromSnapshot(MetaStateCodec.decode(MetaStateCodec.encode(image.toSnapshot())));
    }

    @Test
    void recordsApplyInOrder() {
        MetaImage s = apply(MetaImage.EMPTY, new NodeJoined(DATA_2), new NodeJoined(SESSION),
                new NodeJoined(DATA_1), new SlotTableChanged(TABLE_1), new SlotTableChanged(TABLE_2));

        assertThat(s.dataNodes()).containsExactly(DATA_1, DATA_2);
        assertThat(s.sessionNodes()).containsExactly(SESSION);
        assertThat(s.dataAddresses()).containsExactly(DATA_1.address(), DATA_2.address());
        assertThat(s.slotTable()).isEqualTo(TABLE_2);
        assertThat(s.slots().lastEpoch()).isEqualTo(2);

        MetaImage expired = apply(s, new NodeExpired(DATA_2));
        assertThat(expired.dataNodes()).containsExactly(DATA_1);
        assertThat(expired.slotTable()).isEqualTo(TABLE_2);
    }

    @Test
    void aNewProcessReplacesTheOldOneAndTheOldOnesExpiryIsIgnored() {
        MetaImage s = apply(MetaImage.EMPTY, new NodeJoined(DATA_1));
        MetaDelta restart = MetaDelta.replaying(s, List.of(new NodeJoined(DATA_1_RESTARTED)));
        MetaImage restarted = restart.apply();

        assertThat(restarted.dataNodes()).containsExactly(DATA_1_RESTARTED);
        assertThat(restarted.contains(DATA_1)).isFalse();
        assertThat(restarted.contains(DATA_1_RESTARTED)).isTrue();
        assertThat(restart.joined()).containsExactly(DATA_1_RESTARTED);
        assertThat(restart.restartedDataNodes()).containsExactly(DATA_1.address());
        assertThat(apply(restarted, new NodeExpired(DATA_1))).isEqualTo(restarted);
        MetaDelta expiry = MetaDelta.replaying(restarted, List.of(new NodeExpired(DATA_1), new NodeExpired(DATA_1_RESTARTED)));
        assertThat(expiry.apply().dataNodes()).isEmpty();
        assertThat(expiry.expired()).containsExactly(DATA_1_RESTARTED);
    }

    @Test
    void aStaleSlotTableIsIgnored() {
        MetaDelta first = MetaDelta.replaying(MetaImage.EMPTY, List.of(new SlotTableChanged(TABLE_2)));
        assertThat(first.slotTableChanged()).isTrue();
        MetaImage s = first.apply();

        assertThat(apply(s, new SlotTableChanged(TABLE_1))).isSameAs(s);
        MetaDelta stale = MetaDelta.replaying(s, List.of(new SlotTableChanged(new SlotTable(2, List.of()))));
        assertThat(stale.slotTableChanged()).isFalse();
        assertThat(stale.apply()).isSameAs(s);
    }

    @Test
    void onlyDataAndSessionNodesJoin() {
        assertThatThrownBy(() -> apply(MetaImage.EMPTY, new NodeJoined(node(NodeRole.META, "127.0.0.1:9611", 1))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void wholeStateRoundTrips() {
        MetaImage s = apply(MetaImage.EMPTY, new NodeJoined(DATA_1), new NodeJoined(DATA_2),
                new NodeJoined(SESSION), new SlotTableChanged(TABLE_2));

        MetaImage back = roundTrip(s);

        assertThat(back).isEqualTo(s);
        assertThat(back.slots().lastEpoch()).isEqualTo(2);
        assertThat(roundTrip(MetaImage.EMPTY)).isEqualTo(MetaImage.EMPTY);
        assertThatThrownBy(() -> back.dataNodes().add(SESSION)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void theAppliedIndexTravelsWithTheStateAndThroughSnapshotsButIsNoPartOfItsContent() {
        MetaImage s = apply(MetaImage.EMPTY, new NodeJoined(DATA_1)).atIndex(41);

        assertThat(apply(s, new NodeJoined(SESSION)).appliedIndex()).isEqualTo(41);
        assertThat(roundTrip(s).appliedIndex()).isEqualTo(41);
        // nodes that applied the same log hold equal content whether it came from the log or a snapshot
        assertThat(s.atIndex(45)).isEqualTo(s);
    }

    @Test
    void switchesStartAtTheirDefaultsChangeThroughTheLogAndRoundTrip() {
        assertThat(MetaImage.EMPTY.switches().pushEnabled()).isTrue();
        MetaDelta turnOff = MetaDelta.replaying(MetaImage.EMPTY, RecordCodec.decode(RecordCodec.encode(List.of(
                new NodeJoined(DATA_1), new SwitchChanged(Switch.PUSH, false)))));
        MetaImage off = turnOff.apply();

        assertThat(turnOff.switchesChanged()).isTrue();
        assertThat(off.switches().pushEnabled()).isFalse();
        assertThat(off).isNotEqualTo(apply(MetaImage.EMPTY, new NodeJoined(DATA_1)));
        assertThat(roundTrip(off)).isEqualTo(off);
        MetaImage on = apply(off, new SwitchChanged(Switch.PUSH, true));
        assertThat(on.switches()).isEqualTo(Switches.DEFAULTS);
        assertThat(apply(on, new SwitchChanged(Switch.PUSH, true))).isSameAs(on);
    }

    @Test
    void aLoadedSnapshotTellsWhichPiecesDifferFromTheImageItReplaces() {
        MetaImage before = apply(MetaImage.EMPTY, new NodeJoined(DATA_1), new SlotTableChanged(TABLE_1));
        MetaImage loaded = apply(before, new NodeJoined(SESSION), new SlotTableChanged(TABLE_2)).atIndex(90);

        MetaDelta load = MetaDelta.loading(before, loaded);

        assertThat(load.apply()).isSameAs(loaded);
        assertThat(load.slotTableChanged()).isTrue();
        assertThat(load.nodesChanged()).isTrue();
        assertThat(load.switchesChanged()).isFalse();
        MetaDelta same = MetaDelta.loading(loaded, loaded.atIndex(95));
        assertThat(same.slotTableChanged()).isFalse();
        assertThat(same.nodesChanged()).isFalse();
        assertThatThrownBy(() -> load.replay(new NodeJoined(DATA_2))).isInstanceOf(IllegalStateException.class);
    }
}
