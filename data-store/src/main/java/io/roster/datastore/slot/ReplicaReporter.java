package io.roster.datastore.slot;

import io.roster.common.model.ReplicaRole;
import io.roster.common.model.SlotReplicaState;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What this data node tells meta, in each heartbeat, about the slots of its current table: its role in each and
 * whether its copy has caught up. Meta makes a node leader of a slot only once its follower copy reports caught up.
 */
public final class ReplicaReporter {

    public List<SlotReplicaState> report(SlotOwnership ownership) {
        List<SlotReplicaState> states = new ArrayList<>();
        for (Map.Entry<Integer, Long> led : new TreeMap<>(ownership.ledSlots()).entrySet()) {
            states.add(new SlotReplicaState(led.getKey(), led.getValue(), ReplicaRole.LEADER, true));
        }
        for (Map.Entry<Integer, Long> followed : new TreeMap<>(ownership.followedSlots()).entrySet()) {
            states.add(new SlotReplicaState(followed.getKey(), followed.getValue(), ReplicaRole.FOLLOWER,
                    followerCaughtUp(followed.getKey(), followed.getValue())));
        }
        return states;
    }

    /**
     * THE point where a follower's progress is decided, and the one issue 4 (replication) will change. Today
     * followers hold no copy at all: nothing is replicated, so there is nothing to wait for, and a follower counts
     * as caught up as soon as it has the table that names it. Meta therefore moves leadership to it one heartbeat
     * later, and a new leader starts empty for the slots it takes over (as it did before replica states existed).
     * With replication this must answer true only once the copy holds everything the leader of
     * {@code leaderEpoch} had.
     */
    private static boolean followerCaughtUp(int slotId, long leaderEpoch) {
        return true;
    }
}
