package io.roster.meta.rpc;

import com.alipay.remoting.BizContext;
import io.roster.common.model.InvalidInputException;
import io.roster.common.model.NodeInfo;
import io.roster.common.model.NodeRole;
import io.roster.common.model.SlotTable;
import io.roster.common.rpc.RequestHandler;
import io.roster.common.wire.ErrorCode;
import io.roster.common.wire.HeartbeatReply;
import io.roster.common.wire.HeartbeatRequest;
import io.roster.meta.leader.LeaderDuties;
import io.roster.meta.raft.ProposalFailedException;
import io.roster.meta.raft.RaftRole;
import io.roster.meta.state.MetaState;

import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * A data or session node's heartbeat. On the leader: renews the node's lease, admits it if this process is not
 * live yet, and answers with the slot table (when newer than the node's), the live nodes and the switches. A data
 * node's replica states are kept for the slot scheduler. A joining node's
 * reply waits, boundedly, for the entry that admits it, so a new data node learns its slots at once.
 */
public final class HeartbeatHandler extends RequestHandler<HeartbeatRequest> {
    private final LeaderGate gate;
    private final LeaderDuties duties;
    private final Supplier<MetaState> state;
    private final long joinWaitMs;

    /** @param joinWaitMs how long a joining node's reply may wait for its admission; below the caller's timeout */
    public HeartbeatHandler(RaftRole role, LeaderDuties duties, Supplier<MetaState> state, long joinWaitMs, Executor executor) {
        super(HeartbeatRequest.class, executor);
        this.gate = new LeaderGate(role, duties);
        this.duties = duties;
        this.state = state;
        this.joinWaitMs = joinWaitMs;
    }

    @Override
    protected Object handle(BizContext context, HeartbeatRequest request) {
        NodeInfo node = validate(request);
        if (gate.starting()) {
            return errorReply(ErrorCode.UNAVAILABLE, LeaderGate.startingMessage());
        }
        if (!gate.open()) {
            return errorReply(ErrorCode.NOT_LEADER, gate.notLeaderMessage());
        }
        duties.heard(request);
        MetaState current = state.get();
        if (!current.contains(node)) {
            try {
                current = duties.join(node).get(joinWaitMs, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                // Admission is still in flight; answer with what is known, the next heartbeat brings the table.
                current = state.get();
            } catch (ExecutionException e) {
                if (e.getCause() instanceof ProposalFailedException f && f.notLeader()) {
                    return errorReply(ErrorCode.NOT_LEADER, gate.notLeaderMessage());
                }
                return errorReply(ErrorCode.UNAVAILABLE, "could not admit " + node.address() + ": " + e.getCause().getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return errorReply(ErrorCode.UNAVAILABLE, "meta is shutting down");
            }
        }
        SlotTable table = current.slotTable();
        return new HeartbeatReply(ErrorCode.OK, "", gate.leaderAddress(), table.epoch() > request.knownEpoch() ? table : null,
                current.dataNodes(), current.sessionNodes(), current.switches());
    }

    private static NodeInfo validate(HeartbeatRequest request) {
        NodeInfo node = request.node();
        if (node == null) {
            throw new InvalidInputException("heartbeat without a node");
        }
        if (node.role() != NodeRole.DATA && node.role() != NodeRole.SESSION) {
            throw new InvalidInputException("heartbeat from " + node.address() + " has role " + node.role()
                    + "; only DATA and SESSION nodes heartbeat to meta");
        }
        if (node.address() == null || node.address().isBlank()) {
            throw new InvalidInputException("heartbeat from a " + node.role() + " node without an address");
        }
        if (node.processId() == null || !node.address().equals(node.processId().address())) {
            throw new InvalidInputException("heartbeat from " + node.address() + " has process id " + node.processId()
                    + " that does not name the same address");
        }
        return node;
    }

    @Override
    protected Object errorReply(ErrorCode code, String message) {
        return new HeartbeatReply(code, message, gate.leaderAddress(), null, List.of(), List.of());
    }
}
