package io.roster.common.wire;

import io.roster.common.model.*;
import java.util.List;

/** Meta to node: the slot table when newer than the node's, and the live nodes. NOT_LEADER names the leader. */
public final class HeartbeatReply extends Reply {
    private final String leaderAddress;
    private final SlotTable slotTable;
    private final List<NodeInfo> dataNodes;
    private final List<NodeInfo> sessionNodes;

    public HeartbeatReply(ErrorCode code, String message, String leaderAddress, SlotTable slotTable, List<NodeInfo> dataNodes, List<NodeInfo> sessionNodes) {
        super(code, message);
        this.leaderAddress = leaderAddress;
        this.slotTable = slotTable;
        this.dataNodes = List.copyOf(dataNodes);
        this.sessionNodes = List.copyOf(sessionNodes);
    }

    public String leaderAddress() {
        return leaderAddress;
    }

    public SlotTable slotTable() {
        return slotTable;
    }

    public List<NodeInfo> dataNodes() {
        return dataNodes == null ? List.of() : dataNodes;
    }

    public List<NodeInfo> sessionNodes() {
        return sessionNodes == null ? List.of() : sessionNodes;
    }
}
