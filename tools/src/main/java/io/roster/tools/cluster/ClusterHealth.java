package io.roster.tools.cluster;

import io.roster.common.model.NodeInfo;
import io.roster.common.model.Slot;
import io.roster.common.model.SlotTable;
import io.roster.common.wire.ClusterStatusReply;
import io.roster.common.wire.NodeStatus;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** Pure checks on what the meta leader reports, shared by start, restart and the benchmarks. */
public final class ClusterHealth {
    /** A data or session node meta should list: its address and, when known, the pid of the run we expect. */
    public record Expected(NodeName name, String address, long pid) {
        public static final long ANY_PID = 0;

        boolean matches(NodeInfo n) {
            return n.role() == name.role() && n.address().equals(address) && (pid == ANY_PID || n.processId().pid() == pid);
        }
    }

    private ClusterHealth() {
    }

    /** The expected nodes the leader does not list as live (with the expected pid): empty when all are in. */
    public static List<NodeName> notListed(ClusterStatusReply leader, Collection<Expected> expected) {
        List<NodeName> missing = new ArrayList<>();
        for (Expected e : expected) {
            if (leader.nodes().stream().map(NodeStatus::node).noneMatch(e::matches)) {
                missing.add(e.name());
            }
        }
        return missing;
    }

    /** True when the table has slots and each one is led by one of {@code liveData}. */
    public static boolean everySlotLedBy(SlotTable table, Collection<String> liveData) {
        if (table == null || table.slotCount() == 0) {
            return false;
        }
        return table.slots().stream().allMatch(s -> s.hasLeader() && liveData.contains(s.leader()));
    }

    /** True when the table has slots, each has a leader, and none is led by {@code address}: a data failover is over. */
    public static boolean noSlotLedBy(SlotTable table, String address) {
        if (table == null || table.slotCount() == 0) {
            return false;
        }
        for (Slot s : table.slots()) {
            if (!s.hasLeader() || s.leader().equals(address)) {
                return false;
            }
        }
        return true;
    }

    /** True when {@code address} leads or follows at least one slot. */
    public static boolean holdsReplicas(SlotTable table, String address) {
        return table != null && table.slots().stream().anyMatch(s -> s.leader().equals(address) || s.followers().contains(address));
    }
}
