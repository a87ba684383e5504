package io.roster.common.wire;

import io.roster.common.model.*;
import io.roster.common.lever.IncidentLevers;
import java.util.List;

/** Meta to CLI: peers, leader, live nodes with their counts, and the slot table. */
public final class ClusterStatusReply extends Reply {
    private final String leaderAddress;
    private final List<String> metaPeers;
    private final List<NodeStatus> nodes;
    private final SlotTable slotTable;
    private final IncidentLevers levers;

    public ClusterStatusReply(ErrorCode code, String message, String leaderAddress, List<String> metaPeers, List<NodeStatus> nodes, SlotTable slotTable) {
        this(code, message, leaderAddress, metaPeers, nodes, slotTable, null);
    }

    public ClusterStatusReply(ErrorCode code, String message, String leaderAddress, List<String> metaPeers, List<NodeStatus> nodes,
                              SlotTable slotTable, IncidentLevers levers) {
        super(code, message);
        this.levers = levers;
        this.leaderAddress = leaderAddress;
        this.metaPeers = List.copyOf(metaPeers);
        this.nodes = List.copyOf(nodes);
        this.slotTable = slotTable;
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

    /** The incident levers in force; none from older metas. */
    public IncidentLevers levers() {
        return levers == null ? IncidentLevers.NONE : levers;
    }
}
