package io.roster.common.view;

import io.roster.common.model.NodeInfo;
import io.roster.common.model.SlotTable;
import io.roster.common.model.Switches;

import java.util.List;

/**
 * What a data or session node knows of the cluster from its heartbeat replies. Immutable. {@code metaVersion} is
 * the meta state the node lists and switches were read from (see {@link io.roster.common.wire.HeartbeatReply#metaVersion()}).
 */
public record ClusterView(SlotTable slotTable, List<NodeInfo> dataNodes, List<NodeInfo> sessionNodes, Switches switches,
                          long metaVersion) {
    public static final ClusterView EMPTY = new ClusterView(SlotTable.EMPTY, List.of(), List.of(), Switches.DEFAULTS, 0);

    public ClusterView {
        dataNodes = List.copyOf(dataNodes);
        sessionNodes = List.copyOf(sessionNodes);
        switches = switches == null ? Switches.DEFAULTS : switches;
    }
}
