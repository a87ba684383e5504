package io.roster.meta.leader;

import io.roster.common.model.NodeInfo;
import io.roster.common.model.NodeRole;
import io.roster.common.model.ProcessId;
import io.roster.common.model.ReplicaRole;
import io.roster.common.model.SlotReplicaState;
import io.roster.common.wire.HeartbeatRequest;
import io.roster.meta.slot.ReplicaProgress;
import io.roster.meta.state.MetaState;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The replica states each data process sent in its latest heartbeat, kept by the leader in memory only (like the
 * counts): a new leader starts with none, and until the data nodes report again it counts every follower as not
 * caught up, so it starts no migration and promotes no joining node.
 */
final class ReplicaReports {
    private record Report(ProcessId process, Map<Integer, SlotReplicaState> slots) {
    }

    private final Map<String, Report> byAddress = new ConcurrentHashMap<>();

    void heard(HeartbeatRequest request) {
        NodeInfo node = request.node();
        if (node.role() != NodeRole.DATA) {
            return;
        }
        Map<Integer, SlotReplicaState> slots = new HashMap<>();
        for (SlotReplicaState s : request.replicas()) {
            slots.put(s.slotId(), s);
        }
        byAddress.put(node.address(), new Report(node.processId(), Map.copyOf(slots)));
    }

    void clear() {
        byAddress.clear();
    }

    void retain(Set<String> addresses) {
        byAddress.keySet().retainAll(addresses);
    }

    /**
     * What the live data processes of {@code state} reported, frozen now. A report from an earlier process at the
     * same address counts for nothing: the new process starts with no copies.
     */
    ReplicaProgress progress(MetaState state) {
        Map<String, Map<Integer, SlotReplicaState>> current = new HashMap<>();
        for (NodeInfo n : state.dataNodes()) {
            Report r = byAddress.get(n.address());
            if (r != null && r.process().equals(n.processId())) {
                current.put(n.address(), r.slots());
            }
        }
        return (slotId, follower, leaderEpoch) -> {
            Map<Integer, SlotReplicaState> slots = current.get(follower);
            SlotReplicaState s = slots == null ? null : slots.get(slotId);
            return s != null && s.role() == ReplicaRole.FOLLOWER && s.caughtUp() && s.leaderEpoch() == leaderEpoch;
        };
    }
}
