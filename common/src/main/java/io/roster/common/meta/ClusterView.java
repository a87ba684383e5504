package io.roster.common.meta;

import io.roster.common.model.NodeInfo;
import io.roster.common.model.SlotTable;
import io.roster.common.model.Switches;

import java.util.List;

/** What a data or session node knows of the cluster from its last heartbeat reply. Immutable. */
public record ClusterView(SlotTable slotTable, List<NodeInfo> dataNodes, List<NodeInfo> sessionNodes, Switches switches) {
    public static final ClusterView EMPTY = new ClusterView(SlotTable.EMPTY, List.of(), List.of(), Switches.DEFAULTS);

    public ClusterView {
        dataNodes = List.copyOf(dataNodes);
        sessionNodes = List.copyOf(sessionNodes);
        switches = switches == null ? Switches.DEFAULTS : switches;
    }
}
