package io.roster.datastore.slot;

import io.roster.common.model.Slot;
import io.roster.common.model.SlotTable;
import io.roster.common.wire.ErrorCode;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SlotAssignmentTest {
    private static final String SELF = "127.0.0.1:9621";
    private static final String OTHER = "127.0.0.1:9622";

    private static SlotTable table(long epoch, String... leaders) {
        List<Slot> slots = new java.util.ArrayList<>();
        for (int i = 0; i < leaders.length; i++) {
            slots.add(new Slot(i, leaders[i], List.of(), 10 + i));
        }
        return new SlotTable(epoch, slots);
    }

    @Test
    void servesTheSlotsItLeadsWithTheirLeaderEpochs() {
        SlotAssignment o = new SlotAssignment(table(7, SELF, OTHER, "", SELF), SELF, 4);

        assertThat(o.ledSlots()).isEqualTo(Map.of(0, 10L, 3, 13L));
        assertThat(o.check(3)).isEqualTo(SlotCheck.serve(13));
        assertThat(o.leaderEpochOf(1)).isEqualTo(11);
        assertThat(o.leaderEpochOf(99)).isZero();
    }

    @Test
    void knowsTheSlotsItFollows() {
        SlotTable t = new SlotTable(9, List.of(new Slot(0, SELF, List.of(OTHER), 4), new Slot(1, OTHER, List.of(SELF), 8),
                new Slot(2, OTHER, List.of(), 8)));
        SlotAssignment o = new SlotAssignment(t, SELF, 3);

        assertThat(o.ledSlots()).isEqualTo(Map.of(0, 4L));
        assertThat(o.followedSlots()).isEqualTo(Map.of(1, 8L));
        assertThat(o.check(1).code()).isEqualTo(ErrorCode.SLOT_NOT_OWNED);
    }

    @Test
    void refusesSlotsLedElsewhereNamingTheSlotAndItsLeader() {
        SlotAssignment o = new SlotAssignment(table(7, SELF, OTHER, ""), SELF, 3);

        assertThat(o.check(1).code()).isEqualTo(ErrorCode.SLOT_NOT_OWNED);
        assertThat(o.check(1).message()).contains("slot 1", "led by " + OTHER, "epoch 7");
        assertThat(o.check(2).message()).contains("slot 2 has no leader");
    }

    @Test
    void withoutATableOrWithAnotherSlotCountNothingIsServed() {
        assertThat(SlotAssignment.none(SELF, 4).check(0).code()).isEqualTo(ErrorCode.UNAVAILABLE);
        SlotAssignment mismatch = new SlotAssignment(table(2, SELF, SELF), SELF, 4);

        assertThat(mismatch.check(0).code()).isEqualTo(ErrorCode.UNAVAILABLE);
        assertThat(mismatch.check(0).message()).contains("2 slots", "cluster.slots=4");
        assertThat(mismatch.ledSlots()).isEmpty();
    }
}
