package io.roster.meta.rpc;

import com.alipay.remoting.BizContext;
import io.roster.common.model.NodeInfo;
import io.roster.common.rpc.RequestHandler;
import io.roster.common.wire.ClusterStatusReply;
import io.roster.common.wire.ClusterStatusRequest;
import io.roster.common.wire.ErrorCode;
import io.roster.common.wire.NodeStatus;
import io.roster.meta.leader.LeaderLoop;
import io.roster.meta.leader.NodeLoad;
import io.roster.meta.raft.RaftRole;
import io.roster.meta.image.MetaImage;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/** The cluster as the meta leader sees it: peers, live nodes with their lease age and counts, the slot table. */
public final class ClusterStatusHandler extends RequestHandler<ClusterStatusRequest> {
    private final RaftRole role;
    private final LeaderGate gate;
    private final LeaderLoop leaderLoop;
    private final Supplier<MetaImage> state;

    public ClusterStatusHandler(RaftRole role, LeaderLoop leaderLoop, Supplier<MetaImage> state, Executor executor) {
        super(ClusterStatusRequest.class, executor);
        this.role = role;
        this.gate = new LeaderGate(role, leaderLoop);
        this.leaderLoop = leaderLoop;
        this.state = state;
    }

    @Override
    protected Object handle(BizContext context, ClusterStatusRequest request) {
        if (gate.starting()) {
            return errorReply(ErrorCode.UNAVAILABLE, LeaderGate.startingMessage());
        }
        if (!gate.open()) {
            return errorReply(ErrorCode.NOT_LEADER, gate.notLeaderMessage());
        }
        MetaImage current = state.get();
        List<NodeStatus> nodes = new ArrayList<>();
        for (NodeInfo n : current.allNodes()) {
            NodeLoad load = leaderLoop.load(n.address());
            nodes.add(new NodeStatus(n, leaderLoop.millisSinceHeard(n.address()), load.publishers(), load.subscribers(), load.clients()));
        }
        return new ClusterStatusReply(ErrorCode.OK, "", gate.leaderAddress(), role.peers(), nodes, current.slotTable());
    }

    @Override
    protected Object errorReply(ErrorCode code, String message) {
        return new ClusterStatusReply(code, message, gate.leaderAddress(), role.peers(), List.of(), null);
    }
}
