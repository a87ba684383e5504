package io.roster.datastore.slot;

import java.util.List;

/**
 * What a new slot table changed for this node: slots it now leads under a new leaderEpoch (to reconcile, in
 * MIGRATING), slots it now follows under a new leader (to sync), and slots it no longer holds.
 */
public record SlotTransitions(List<Integer> promoted, List<Integer> followed, List<Integer> moved) {
    public SlotTransitions {
        promoted = List.copyOf(promoted);
        followed = List.copyOf(followed);
        moved = List.copyOf(moved);
    }

    public boolean isEmpty() {
        return promoted.isEmpty() && followed.isEmpty() && moved.isEmpty();
    }
}
