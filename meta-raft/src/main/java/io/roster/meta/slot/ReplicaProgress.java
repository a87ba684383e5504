package io.roster.meta.slot;

import io.roster.common.model.Slot;
import io.roster.common.model.SlotTable;

/**
 * What the data nodes reported about their follower copies: the scheduler lets a node lead a slot only once its
 * copy has caught up, and counts a slot as migrating while any of its followers has not.
 */
@FunctionalInterface
public interface ReplicaProgress {
    /** Every follower caught up: planning as if each table had settled before the next. */
    ReplicaProgress ALL_CAUGHT_UP = (slotId, follower, leaderEpoch) -> true;
    /** Nothing reported yet (a new meta leader before the first heartbeats). */
    ReplicaProgress NONE = (slotId, follower, leaderEpoch) -> false;

    /** Whether {@code follower}'s copy of {@code slotId} caught up with the slot's leader of {@code leaderEpoch}. */
    boolean caughtUp(int slotId, String follower, long leaderEpoch);

    /** True while one of the slot's followers has not caught up with its current leader. */
    default boolean migrating(Slot slot) {
        return slot.followers().stream().anyMatch(f -> !caughtUp(slot.id(), f, slot.leaderEpoch()));
    }

    /** How many slots of {@code table} are migrating. */
    default int migratingSlots(SlotTable table) {
        return (int) table.slots().stream().filter(this::migrating).count();
    }
}
