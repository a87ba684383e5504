package io.roster.meta.rpc;

import com.alipay.remoting.BizContext;
import io.roster.common.model.NodeInfo;
import io.roster.common.rpc.RequestHandler;
import io.roster.common.wire.ClusterStatusReply;
import io.roster.common.wire.ClusterStatusRequest;
import io.roster.common.wire.ErrorCode;
import io.roster.common.wire.NodeStatus;
import io.roster.meta.leader.LeaderDuties;
import io.roster.meta.leader.NodeLoad;
import io.roster.meta.raft.RaftRole;
import io.roster.meta.state.MetaState;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/** The cluster as the meta leader sees it: peers, live nodes with their lease age and counts, the slot table. */
public final class ClusterStatusHandler extends RequestHandler<ClusterStatusRequest> {
    private final RaftRole role;
    private final LeaderGate gate;
    private final LeaderDuties duties;
    private final Supplier<MetaState> state;

    public ClusterStatusHandler(RaftRole role, LeaderDuties duties, Supplier<MetaState> state, Executor executor) {
        super(ClusterStatusRequest.class, executor);
        this.role = role;
        this.gate = new LeaderGate(role, duties);
        this.duties = duties;
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
        MetaState current = state.get();
        List<NodeStatus> nodes = new ArrayList<>();
        for (NodeInfo n : current.allNodes()) {
            NodeLoad load = duties.load(n.address());
            nodes.add(new NodeStatus(n, duties.millisSinceHeard(n.address()), load.publishers(), load.subscribers(), load.clients()));
        }
        return new ClusterStatusReply(ErrorCode.OK, "", gate.leaderAddress(), role.peers(), nodes, current.slotTable());
    }

    @Override
    protected Object errorReply(ErrorCode code, String message) {
        return new ClusterStatusReply(code, message, gate.leaderAddress(), role.peers(), List.of(), null);
    }
}
