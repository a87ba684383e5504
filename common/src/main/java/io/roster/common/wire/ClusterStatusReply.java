package io.roster.common.wire;

import io.roster.common.model.*;
import java.util.List;

/** Meta to CLI: peers, leader, live nodes with their counts, and the slot table. */
public final class ClusterStatusReply extends Reply {
    private final String leaderAddress;
    private final List<String> metaPeers;
    private final List<NodeStatus> nodes;
    private final SlotTable slotTable;

    public ClusterStatusReply(ErrorCode code, String message, String leaderAddress, List<String> metaPeers, List<NodeStatus> nodes, SlotTable slotTable) {
        super(code, message);
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
}
