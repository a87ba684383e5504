package io.roster.meta.leader;

import io.roster.common.model.NodeInfo;
import io.roster.common.model.NodeRole;
import io.roster.common.model.ProcessId;
import io.roster.common.model.ReplicaRole;
import io.roster.common.model.Slot;
import io.roster.common.model.SlotReplicaState;
import io.roster.common.model.SlotTable;
import io.roster.common.wire.HeartbeatRequest;
import io.roster.meta.slot.ReplicaProgress;
import io.roster.meta.image.MetaImage;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The replica states each data process sent in its latest heartbeat, kept by the leader in memory only (like the
 * counts): a new leader starts with none, and until the data nodes report again it counts every follower as not
 * caught up, so it starts no migration and promotes no joining node.
 *
 * <p>A report only speaks for the table it was built on (the heartbeat's {@code knownEpoch}). The rule: a follower
 * copy counts as caught up only if the report was built on the table that made it a follower of that slot, or a
 * later one. Slot and leaderEpoch alone cannot tell an old copy from a new one: a node that expired and was
 * readmitted still sends its old table's report once, and the new copies it gets under the same leader would
 * count as caught up. The table that added each copy is what this leader saw; for a table it did not see change
 * (the first one after it took over) every copy counts as added by that table, which only delays.
 */
final class ReplicaReports {
    private record Report(ProcessId process, long knownEpoch, Map<Integer, SlotReplicaState> slots) {
    }

    private final Map<String, Report> byAddress = new ConcurrentHashMap<>();
    /** The last table {@link #progress} saw and, per slot, each follower's epoch of addition; replaced, never edited. */
    private SlotTable seen;
    private Map<Integer, Map<String, Long>> addedAt = Map.of();

    /**
     * Keeps what a data node reported. Returns true when the report says a copy caught up that this process's last
     * report did not: the scheduler may now move leadership to it or start the next copies, so it should not wait.
     */
    boolean heard(HeartbeatRequest request) {
        NodeInfo node = request.node();
        if (node.role() != NodeRole.DATA) {
            return false;
        }
        Map<Integer, SlotReplicaState> slots = new HashMap<>();
        for (SlotReplicaState s : request.replicas()) {
            slots.put(s.slotId(), s);
        }
        Report heard = new Report(node.processId(), request.knownEpoch(), Map.copyOf(slots));
        // heartbeats are handled on several threads: one built on an older table must not replace a newer one
        Report previous = byAddress.get(node.address());
        Report kept = byAddress.merge(node.address(), heard, (old, now) -> old.process().equals(now.process())
                && old.knownEpoch() > now.knownEpoch() ? old : now);
        return kept == heard && newlyCaughtUp(previous, heard);
    }

    private static boolean newlyCaughtUp(Report previous, Report now) {
        for (SlotReplicaState s : now.slots().values()) {
            if (!s.caughtUp()) {
                continue;
            }
            SlotReplicaState before = previous == null || !previous.process().equals(now.process()) ? null
                    : previous.slots().get(s.slotId());
            if (before == null || !before.caughtUp() || before.leaderEpoch() != s.leaderEpoch()) {
                return true;
            }
        }
        return false;
    }

    /** Forgets what the process at {@code address} reported: it is being (re)admitted and starts over. */
    void forget(String address) {
        byAddress.remove(address);
    }

    synchronized void clear() {
        byAddress.clear();
        seen = null;
        addedAt = Map.of();
    }

    void retain(Set<String> addresses) {
        byAddress.keySet().retainAll(addresses);
    }

    /**
     * What the live data processes of {@code state} reported, frozen now. A report from an earlier process at the
     * same address counts for nothing: the new process starts with no copies.
     */
    synchronized ReplicaProgress progress(MetaImage state) {
        observe(state.slotTable());
        Map<String, Report> current = new HashMap<>();
        for (NodeInfo n : state.dataNodes()) {
            Report r = byAddress.get(n.address());
            if (r != null && r.process().equals(n.processId())) {
                current.put(n.address(), r);
            }
        }
        Map<Integer, Map<String, Long>> added = addedAt;
        return (slotId, follower, leaderEpoch) -> {
            Report r = current.get(follower);
            SlotReplicaState s = r == null ? null : r.slots().get(slotId);
            Long since = added.getOrDefault(slotId, Map.of()).get(follower);
            return s != null && since != null && r.knownEpoch() >= since
                    && s.role() == ReplicaRole.FOLLOWER && s.caughtUp() && s.leaderEpoch() == leaderEpoch;
        };
    }

    /** Notes the table in which each follower copy of {@code table} appeared, if it is not the one seen last. */
    private void observe(SlotTable table) {
        if (seen != null && seen.epoch() == table.epoch()) {
            return;
        }
        Map<Integer, Map<String, Long>> next = new HashMap<>();
        for (Slot s : table.slots()) {
            if (s.followers().isEmpty()) {
                continue;
            }
            Slot before = seen == null || s.id() >= seen.slotCount() ? null : seen.slot(s.id());
            Map<String, Long> was = addedAt.getOrDefault(s.id(), Map.of());
            Map<String, Long> now = new HashMap<>();
            for (String f : s.followers()) {
                boolean kept = before != null && before.followers().contains(f) && was.containsKey(f);
                now.put(f, kept ? was.get(f) : table.epoch());
            }
            next.put(s.id(), Map.copyOf(now));
        }
        seen = table;
        addedAt = Map.copyOf(next);
    }
}
