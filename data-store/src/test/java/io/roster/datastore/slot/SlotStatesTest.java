package io.roster.datastore.slot;

import io.roster.common.model.Slot;
import io.roster.common.model.SlotTable;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SlotStatesTest {
    private static final String SELF = "127.0.0.1:9621";
    private static final String OTHER = "127.0.0.1:9622";

    private static SlotAssignment table(long epoch, Slot... slots) {
        return new SlotAssignment(new SlotTable(epoch, List.of(slots)), SELF, slots.length);
    }

    @Test
    void aNewlyLedSlotMigratesUntilAcceptedUnderItsLeaderEpoch() {
        SlotStates states = new SlotStates();
        SlotStates.Transitions t = states.apply(table(3, new Slot(0, SELF, List.of(OTHER), 3), new Slot(1, OTHER, List.of(SELF), 2)), 100);

        assertThat(t.promoted()).containsExactly(0);
        assertThat(t.followed()).containsExactly(1);
        assertThat(states.get(0).phase()).isEqualTo(SlotPhase.MIGRATING);
        assertThat(states.accepting(0, 3)).isFalse();
        assertThat(states.migrating()).containsOnlyKeys(0).containsEntry(0, 3L);

        assertThat(states.accept(0, 2, 110)).as("another leaderEpoch").isFalse();
        assertThat(states.accept(0, 3, 110)).isTrue();
        assertThat(states.accepting(0, 3)).isTrue();
        assertThat(states.accepting(0, 4)).isFalse();
        assertThat(states.accept(1, 2, 110)).as("a follower never accepts").isFalse();
    }

    @Test
    void theSameTableAgainChangesNothingButANewLeaderEpochMigratesAgain() {
        SlotStates states = new SlotStates();
        states.apply(table(3, new Slot(0, SELF, List.of(), 3)), 100);
        states.accept(0, 3, 100);

        assertThat(states.apply(table(4, new Slot(0, SELF, List.of(OTHER), 3)), 200).isEmpty()).isTrue();
        assertThat(states.accepting(0, 3)).isTrue();

        // Led again under a new leaderEpoch (e.g. this node lost the slot and got it back): its copy may be stale.
        SlotStates.Transitions t = states.apply(table(9, new Slot(0, SELF, List.of(OTHER), 9)), 300);
        assertThat(t.promoted()).containsExactly(0);
        assertThat(states.accepting(0)).isFalse();
    }

    @Test
    void aLeaderDemotedToFollowerStopsServingAtOnce() {
        SlotStates states = new SlotStates();
        states.apply(table(3, new Slot(0, SELF, List.of(OTHER), 3)), 100);
        states.accept(0, 3, 100);

        SlotStates.Transitions t = states.apply(table(5, new Slot(0, OTHER, List.of(SELF), 5)), 200);
        assertThat(t.followed()).containsExactly(0);
        assertThat(states.get(0).phase()).isEqualTo(SlotPhase.FOLLOWER);
        assertThat(states.accepting(0)).isFalse();
        assertThat(states.accept(0, 3, 210)).isFalse();
    }

    @Test
    void aSlotNoLongerHeldIsMovedThenDroppedAfterTheDelay() {
        SlotStates states = new SlotStates();
        states.apply(table(3, new Slot(0, SELF, List.of(), 3), new Slot(1, OTHER, List.of(SELF), 3)), 100);

        SlotStates.Transitions t = states.apply(table(4, new Slot(0, SELF, List.of(), 3), new Slot(1, OTHER, List.of(), 3)), 1_000);
        assertThat(t.moved()).containsExactly(1);
        assertThat(states.get(1).phase()).isEqualTo(SlotPhase.MOVED);
        assertThat(states.dropDue(1_500, 1_000, slot -> { })).isEmpty();
        assertThat(states.dropDue(2_000, 1_000, slot -> { })).containsExactly(1);
        assertThat(states.get(1)).isNull();
        assertThat(states.dropDue(9_000, 1_000, slot -> { })).isEmpty();
    }

    @Test
    void aCopyLoadedFromDiskIsNotDroppedWhileNoTableArrivesHoweverLongThatTakes() {
        SlotStates states = new SlotStates();
        states.seedHeld(List.of(0, 1), 100);

        assertThat(states.dropDue(1_000_000, 1_000, slot -> { })).as("dropped before any table").isEmpty();
        assertThat(states.get(0).phase()).isEqualTo(SlotPhase.MOVED);
    }

    @Test
    void theDropDelayOfACopyLoadedFromDiskStartsWithTheFirstUsableTable() {
        SlotStates states = new SlotStates();
        states.seedHeld(List.of(0, 1), 100);
        states.apply(table(4, new Slot(0, OTHER, List.of(SELF), 4), new Slot(1, OTHER, List.of(), 4)), 50_000);

        assertThat(states.dropDue(50_500, 1_000, slot -> { })).as("half the delay after the table").isEmpty();
        List<Integer> dropped = new java.util.ArrayList<>();
        assertThat(states.dropDue(51_000, 1_000, dropped::add)).containsExactly(1);
        assertThat(dropped).containsExactly(1);
    }

    @Test
    void aDropThatFailsKeepsTheSlotMovedForTheNextTry() {
        SlotStates states = new SlotStates();
        states.seedHeld(List.of(1), 100);
        states.apply(table(4, new Slot(0, OTHER, List.of(), 4)), 200);

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> states.dropDue(5_000, 1_000, slot -> {
            throw new IllegalStateException("disk gone");
        })).hasMessageContaining("disk gone");
        assertThat(states.get(1).phase()).isEqualTo(SlotPhase.MOVED);
        assertThat(states.dropDue(5_000, 1_000, slot -> { })).containsExactly(1);
    }

    @Test
    void theGuardAnswersFromThePhaseAndLeaderEpoch() {
        SlotStates states = new SlotStates();
        states.apply(table(3, new Slot(0, SELF, List.of(), 3), new Slot(1, OTHER, List.of(SELF), 5)), 100);

        assertThat(states.leads(0, 3)).as("MIGRATING leads").isTrue();
        assertThat(states.leads(0, 4)).isFalse();
        assertThat(states.follows(1, 5)).isTrue();
        assertThat(states.follows(1, 4)).isFalse();
        assertThat(states.leads(1, 5)).isFalse();
        assertThat(states.follows(2, 5)).isFalse();
    }

    @Test
    void aMovedSlotThatComesBackBeforeTheDropKeepsItsCopyAndSyncsAgain() {
        SlotStates states = new SlotStates();
        states.seedHeld(List.of(0, 1), 100);
        assertThat(states.get(0).phase()).isEqualTo(SlotPhase.MOVED);

        SlotStates.Transitions t = states.apply(table(4, new Slot(0, OTHER, List.of(SELF), 4), new Slot(1, OTHER, List.of(), 4)), 200);
        assertThat(t.followed()).containsExactly(0);
        assertThat(t.moved()).as("already moved").isEmpty();
        assertThat(states.counts()).containsEntry(SlotPhase.FOLLOWER, 1).containsEntry(SlotPhase.MOVED, 1);
    }

    @Test
    void anUnusableTableChangesNothing() {
        SlotStates states = new SlotStates();
        states.apply(table(3, new Slot(0, SELF, List.of(), 3)), 100);
        SlotAssignment wrongSlotCount = new SlotAssignment(new SlotTable(4, List.of(new Slot(0, OTHER, List.of(), 4))), SELF, 8);

        assertThat(states.apply(wrongSlotCount, 200).isEmpty()).isTrue();
        assertThat(states.get(0).phase()).isEqualTo(SlotPhase.MIGRATING);
        assertThat(states.apply(SlotAssignment.none(SELF, 1), 300).isEmpty()).isTrue();
    }

    @Test
    void promotionsCountEachAcceptOnceAndMigratingCountsTheSlotsNotYetAccepted() {
        SlotStates states = new SlotStates();
        states.apply(table(3, new Slot(0, SELF, List.of(OTHER), 3), new Slot(1, SELF, List.of(), 3), new Slot(2, OTHER, List.of(SELF), 3)), 100);
        assertThat(states.migratingCount()).isEqualTo(2);
        assertThat(states.promotions()).isZero();

        assertThat(states.accept(0, 3, 110)).isTrue();
        assertThat(states.accept(0, 3, 120)).as("already ACCEPT").isFalse();
        assertThat(states.accept(2, 3, 120)).as("a follower").isFalse();
        assertThat(states.promotions()).isEqualTo(1);
        assertThat(states.migratingCount()).isEqualTo(1);
    }
}
