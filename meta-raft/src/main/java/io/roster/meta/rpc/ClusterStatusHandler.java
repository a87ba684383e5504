package io.roster.meta.rpc;

import com.alipay.remoting.BizContext;
import io.roster.common.model.NodeInfo;
import io.roster.common.model.Slot;
import io.roster.common.model.SlotTable;
import io.roster.common.rpc.RequestHandler;
import io.roster.common.wire.ClusterStatusReply;
import io.roster.common.wire.ClusterStatusRequest;
import io.roster.common.wire.ErrorCode;
import io.roster.common.wire.NodeStatus;
import io.roster.meta.image.MetaImage;
import io.roster.meta.leader.NodeLoad;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * The cluster as the meta leader sees it: peers, live nodes with their lease age and counts (a session's stopped
 * pushes too), the slot table, the slots migrating as the data nodes' last heartbeats tell, and the incident levers.
 */
public final class ClusterStatusHandler extends RequestHandler<ClusterStatusRequest> {
    private final LeaderRequest leader;

    public ClusterStatusHandler(LeaderRequest leader, Executor executor) {
        super(ClusterStatusRequest.class, executor);
        this.leader = leader;
    }

    @Override
    protected Object handle(BizContext context, ClusterStatusRequest request) {
        leader.requireLeader();
        MetaImage current = leader.image();
        List<NodeStatus> nodes = new ArrayList<>();
        for (NodeInfo n : current.allNodes()) {
            NodeLoad load = leader.loop().load(n.address());
            nodes.add(new NodeStatus(n, leader.loop().millisSinceHeard(n.address()), load.publishers(), load.subscribers(), load.clients(),
                    load.pushStopped()));
        }
        return new ClusterStatusReply(ErrorCode.OK, "", leader.leaderAddress(), leader.role().peers(), nodes, current.slotTable(),
                migratingSlots(current.slotTable()), current.levers());
    }

    /** Slots with a follower whose last heartbeat did not report its copy caught up with the current leader. */
    private List<Integer> migratingSlots(SlotTable table) {
        List<Integer> migrating = new ArrayList<>();
        for (Slot s : table.slots()) {
            if (s.followers().stream().anyMatch(f -> !leader.loop().load(f).caughtUpWith(s))) {
                migrating.add(s.id());
            }
        }
        return migrating;
    }

    @Override
    protected Object errorReply(ErrorCode code, String message) {
        return new ClusterStatusReply(code, message, leader.leaderAddress(), leader.role().peers(), List.of(), null);
    }
}
