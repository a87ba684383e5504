package io.roster.common.wire;

import io.roster.common.model.*;
import io.roster.common.lever.IncidentLevers;
import java.util.List;

/**
 * Meta to CLI: peers, leader, live nodes with their counts, the slot table, and the slots the leader counts as
 * migrating (a follower copy not reported caught up; appended for the console's overview), then the incident levers.
 */
public final class ClusterStatusReply extends Reply {
    private final String leaderAddress;
    private final List<String> metaPeers;
    private final List<NodeStatus> nodes;
    private final SlotTable slotTable;
    private final List<Integer> migratingSlots;
    /** Appended after migratingSlots: the incident levers in force. */
    private final IncidentLevers levers;

    public ClusterStatusReply(ErrorCode code, String message, String leaderAddress, List<String> metaPeers, List<NodeStatus> nodes, SlotTable slotTable) {
        this(code, message, leaderAddress, metaPeers, nodes, slotTable, List.of(), null);
    }

    public ClusterStatusReply(ErrorCode code, String message, String leaderAddress, List<String> metaPeers, List<NodeStatus> nodes,
                              SlotTable slotTable, List<Integer> migratingSlots, IncidentLevers levers) {
        super(code, message);
        this.leaderAddress = leaderAddress;
        this.metaPeers = List.copyOf(metaPeers);
        this.nodes = List.copyOf(nodes);
        this.slotTable = slotTable;
        this.migratingSlots = List.copyOf(migratingSlots);
        this.levers = levers;
    }

    public String leaderAddress() {
        return leaderAddress;
    }

    public List<String> metaPeers() {
        return metaPeers == null ? List.of() : metaPeers;
    }

    public List<NodeStatus> nodes() {
        return nodes == null ? List.of() : nodes;
    }

    public SlotTable slotTable() {
        return slotTable;
    }

    /** Slot ids migrating as of the leader's last tick; empty from a meta that predates the field. */
    public List<Integer> migratingSlots() {
        return migratingSlots == null ? List.of() : migratingSlots;
    }

    /** The incident levers in force; none from older metas. */
    public IncidentLevers levers() {
        return levers == null ? IncidentLevers.NONE : levers;
    }
}
