package io.roster.common.wire;

import io.roster.common.model.*;
import java.util.List;

/**
 * Meta to node: the slot table when newer than the node's, the live nodes and the cluster switches. NOT_LEADER
 * names the leader.
 */
public final class HeartbeatReply extends Reply {
    private final String leaderAddress;
    private final SlotTable slotTable;
    private final List<NodeInfo> dataNodes;
    private final List<NodeInfo> sessionNodes;
    private final Switches switches;

    /** A reply with default switches (errors, and meta versions that had none). */
    public HeartbeatReply(ErrorCode code, String message, String leaderAddress, SlotTable slotTable, List<NodeInfo> dataNodes, List<NodeInfo> sessionNodes) {
        this(code, message, leaderAddress, slotTable, dataNodes, sessionNodes, null);
    }

    public HeartbeatReply(ErrorCode code, String message, String leaderAddress, SlotTable slotTable, List<NodeInfo> dataNodes,
                          List<NodeInfo> sessionNodes, Switches switches) {
        super(code, message);
        this.leaderAddress = leaderAddress;
        this.slotTable = slotTable;
        this.dataNodes = List.copyOf(dataNodes);
        this.sessionNodes = List.copyOf(sessionNodes);
        this.switches = switches;
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

    /** The cluster switches as meta has them; defaults when the reply carries none. */
    public Switches switches() {
        return switches == null ? Switches.DEFAULTS : switches;
    }
}
