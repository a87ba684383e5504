package io.roster.meta.leader;

import io.roster.common.model.ReplicaRole;
import io.roster.common.model.Slot;
import io.roster.common.model.SlotReplicaState;
import io.roster.common.wire.HeartbeatRequest;

import java.util.HashMap;
import java.util.Map;

/**
 * What a node reported in its last heartbeat, for the cluster status: its counts, for a data node which of its
 * follower copies were caught up (slot id to the leaderEpoch they caught up with), for a session whether its pushes
 * are stopped.
 */
public record NodeLoad(long publishers, long subscribers, long clients, Map<Integer, Long> caughtUpCopies, boolean pushStopped) {
    public static final NodeLoad NONE = new NodeLoad(0, 0, 0);

    public NodeLoad {
        caughtUpCopies = Map.copyOf(caughtUpCopies);
    }

    public NodeLoad(long publishers, long subscribers, long clients) {
        this(publishers, subscribers, clients, Map.of(), false);
    }

    public static NodeLoad of(HeartbeatRequest request) {
        Map<Integer, Long> caughtUp = new HashMap<>();
        for (SlotReplicaState s : request.replicas()) {
            if (s.role() == ReplicaRole.FOLLOWER && s.caughtUp()) {
                caughtUp.put(s.slotId(), s.leaderEpoch());
            }
        }
        return new NodeLoad(request.publishers(), request.subscribers(), request.clients(), caughtUp, request.pushStopped());
    }

    /**
     * Whether this node's last heartbeat said its follower copy of {@code slot} caught up with the slot's current
     * leader. Shown as "migrating" when not; the scheduler's own rule ({@code ReplicaReports}) is stricter about
     * reports built on older tables, so the two may differ for one heartbeat.
     */
    public boolean caughtUpWith(Slot slot) {
        Long epoch = caughtUpCopies.get(slot.id());
        return epoch != null && epoch == slot.leaderEpoch();
    }
}
