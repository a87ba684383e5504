package io.roster.datastore.replication;

import io.roster.common.model.ReplicaRole;
import io.roster.common.model.SlotReplicaState;
import io.roster.datastore.slot.SlotAssignment;
import io.roster.datastore.slot.SlotStates;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What this data node tells meta, in each heartbeat, about the slots of its current table: its role in each and
 * whether its copy has caught up. Meta makes a node leader of a slot only once its follower copy reports caught up,
 * which a follower does after its first successful digest sync with the slot's current leader; a leader reports
 * caught up once its slot is in ACCEPT.
 */
public final class ReplicaReporter {
    private final FollowerCopies copies;
    private final SlotStates states;

    public ReplicaReporter(FollowerCopies copies, SlotStates states) {
        this.copies = copies;
        this.states = states;
    }

    public List<SlotReplicaState> report(SlotAssignment assignment) {
        List<SlotReplicaState> out = new ArrayList<>();
        for (Map.Entry<Integer, Long> led : new TreeMap<>(assignment.ledSlots()).entrySet()) {
            out.add(new SlotReplicaState(led.getKey(), led.getValue(), ReplicaRole.LEADER,
                    states.accepting(led.getKey(), led.getValue())));
        }
        for (Map.Entry<Integer, Long> followed : new TreeMap<>(assignment.followedSlots()).entrySet()) {
            out.add(new SlotReplicaState(followed.getKey(), followed.getValue(), ReplicaRole.FOLLOWER,
                    copies.caughtUp(followed.getKey(), followed.getValue())));
        }
        return out;
    }
}
