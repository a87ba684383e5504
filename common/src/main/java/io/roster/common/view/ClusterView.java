package io.roster.common.view;

import io.roster.common.acl.ClientAcl;
import io.roster.common.lever.IncidentLevers;
import io.roster.common.model.NodeInfo;
import io.roster.common.model.ProcessId;
import io.roster.common.model.SlotTable;
import io.roster.common.model.Switches;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What a data or session node knows of the cluster from its heartbeat replies. Immutable. {@code metaVersion} is
 * the meta state the node lists, switches and incident levers were read from (see
 * {@link io.roster.common.wire.HeartbeatReply#metaVersion()}).
 */
public record ClusterView(SlotTable slotTable, List<NodeInfo> dataNodes, List<NodeInfo> sessionNodes, Switches switches,
                          long metaVersion, IncidentLevers levers, ClientAcl acl) {
    public static final ClusterView EMPTY = new ClusterView(SlotTable.EMPTY, List.of(), List.of(), Switches.DEFAULTS, 0);

    public ClusterView {
        dataNodes = List.copyOf(dataNodes);
        sessionNodes = List.copyOf(sessionNodes);
        switches = switches == null ? Switches.DEFAULTS : switches;
        levers = levers == null ? IncidentLevers.NONE : levers;
        acl = acl == null ? ClientAcl.NONE : acl;
    }

    /** A view without a client ACL. */
    public ClusterView(SlotTable slotTable, List<NodeInfo> dataNodes, List<NodeInfo> sessionNodes, Switches switches,
                       long metaVersion, IncidentLevers levers) {
        this(slotTable, dataNodes, sessionNodes, switches, metaVersion, levers, ClientAcl.NONE);
    }

    /** A view without incident levers. */
    public ClusterView(SlotTable slotTable, List<NodeInfo> dataNodes, List<NodeInfo> sessionNodes, Switches switches,
                       long metaVersion) {
        this(slotTable, dataNodes, sessionNodes, switches, metaVersion, IncidentLevers.NONE);
    }

    /** The session processes meta lists, in its order (entries without a process id, from older metas, left out). */
    public Set<ProcessId> sessionProcesses() {
        Set<ProcessId> ids = new LinkedHashSet<>();
        for (NodeInfo n : sessionNodes) {
            if (n != null && n.processId() != null) {
                ids.add(n.processId());
            }
        }
        return ids;
    }
}
