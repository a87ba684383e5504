package io.roster.common.wire;

import io.roster.common.model.*;
import io.roster.common.acl.ClientAcl;
import io.roster.common.lever.IncidentLevers;
import java.util.List;

/**
 * Meta to node: the slot table when newer than the node's, the live nodes and the cluster switches, all read from
 * the meta state at {@code metaVersion}. NOT_LEADER names the leader.
 */
public final class HeartbeatReply extends Reply {
    private final String leaderAddress;
    private final SlotTable slotTable;
    private final List<NodeInfo> dataNodes;
    private final List<NodeInfo> sessionNodes;
    private final Switches switches;
    /**
     * The Raft log index of the last entry applied to the meta state this reply was read from; it only grows, across
     * leader changes and snapshots, so a node can tell a reply from an older image (a deposed leader's) and ignore
     * it. 0 from meta versions that did not send it.
     */
    private final long metaVersion;
    /**
     * The version of meta's revision catalog (the log index of its last change; 0: no revision ever). A session whose
     * catalog is older asks for the change with a {@link RevisionCatalogRequest}.
     */
    private final long revisionsVersion;
    /** The incident levers, read from the same meta state as the switches; none from older metas. */
    private final IncidentLevers levers;
    /** The client ACL (token hashes and rules), read from the same meta state; sessions only; none from older metas. */
    private final ClientAcl acl;

    /** A reply with default switches (errors, and meta versions that had none). */
    public HeartbeatReply(ErrorCode code, String message, String leaderAddress, SlotTable slotTable, List<NodeInfo> dataNodes, List<NodeInfo> sessionNodes) {
        this(code, message, leaderAddress, slotTable, dataNodes, sessionNodes, null);
    }

    public HeartbeatReply(ErrorCode code, String message, String leaderAddress, SlotTable slotTable, List<NodeInfo> dataNodes,
                          List<NodeInfo> sessionNodes, Switches switches) {
        this(code, message, leaderAddress, slotTable, dataNodes, sessionNodes, switches, 0);
    }

    public HeartbeatReply(ErrorCode code, String message, String leaderAddress, SlotTable slotTable, List<NodeInfo> dataNodes,
                          List<NodeInfo> sessionNodes, Switches switches, long metaVersion) {
        this(code, message, leaderAddress, slotTable, dataNodes, sessionNodes, switches, metaVersion, 0);
    }

    public HeartbeatReply(ErrorCode code, String message, String leaderAddress, SlotTable slotTable, List<NodeInfo> dataNodes,
                          List<NodeInfo> sessionNodes, Switches switches, long metaVersion, long revisionsVersion) {
        this(code, message, leaderAddress, slotTable, dataNodes, sessionNodes, switches, metaVersion, revisionsVersion, null);
    }

    public HeartbeatReply(ErrorCode code, String message, String leaderAddress, SlotTable slotTable, List<NodeInfo> dataNodes,
                          List<NodeInfo> sessionNodes, Switches switches, long metaVersion, long revisionsVersion,
                          IncidentLevers levers) {
        this(code, message, leaderAddress, slotTable, dataNodes, sessionNodes, switches, metaVersion, revisionsVersion, levers, null);
    }

    public HeartbeatReply(ErrorCode code, String message, String leaderAddress, SlotTable slotTable, List<NodeInfo> dataNodes,
                          List<NodeInfo> sessionNodes, Switches switches, long metaVersion, long revisionsVersion,
                          IncidentLevers levers, ClientAcl acl) {
        super(code, message);
        this.levers = levers;
        this.acl = acl;
        this.leaderAddress = leaderAddress;
        this.slotTable = slotTable;
        this.dataNodes = List.copyOf(dataNodes);
        this.sessionNodes = List.copyOf(sessionNodes);
        this.switches = switches;
        this.metaVersion = metaVersion;
        this.revisionsVersion = revisionsVersion;
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

    public long metaVersion() {
        return metaVersion;
    }

    public long revisionsVersion() {
        return revisionsVersion;
    }

    public IncidentLevers levers() {
        return levers == null ? IncidentLevers.NONE : levers;
    }

    public ClientAcl acl() {
        return acl == null ? ClientAcl.NONE : acl;
    }
}
