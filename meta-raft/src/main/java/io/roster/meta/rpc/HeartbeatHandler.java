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
import io.roster.meta.leader.LeaderLoop;
import io.roster.meta.raft.ProposalFailedException;
import io.roster.meta.raft.RaftRole;
import io.roster.meta.image.MetaImage;

import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * A data or session node's heartbeat. On the leader: renews the node's lease, admits it if this process is not
 * live yet, and answers with the slot table (when newer than the node's), the live nodes and the switches, stamped
 * with the version (applied log index) of the state they come from. A data node's replica states are kept for the
 * slot scheduler. A joining node's reply waits, boundedly, for the entry that admits it, so a new data node learns
 * its slots at once.
 * <p>
 * It answers from its state only after a Raft ReadIndex confirmed its leadership (ARCHITECTURE.md invariant 6): a deposed
 * leader that has not noticed yet answers NOT_LEADER, naming no leader, so the node asks the other meta servers
 * instead of taking a stale node list that would make data drop a live session.
 */
public final class HeartbeatHandler extends RequestHandler<HeartbeatRequest> {
    private final RaftRole role;
    private final LeaderGate gate;
    private final LeaderLoop leaderLoop;
    private final Supplier<MetaImage> state;
    private final long joinWaitMs;

    /**
     * @param joinWaitMs how long a reply may wait for the leadership check and, for a joining node, its admission
     *                   (one budget for both); below the caller's timeout
     */
    public HeartbeatHandler(RaftRole role, LeaderLoop leaderLoop, Supplier<MetaImage> state, long joinWaitMs, Executor executor) {
        super(HeartbeatRequest.class, executor);
        this.role = role;
        this.gate = new LeaderGate(role, leaderLoop);
        this.leaderLoop = leaderLoop;
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
        leaderLoop.heard(request);
        long started = System.nanoTime();
        String unconfirmed = confirmLeadership();
        if (unconfirmed != null) {
            return new HeartbeatReply(ErrorCode.NOT_LEADER, LeaderGate.unconfirmedMessage(unconfirmed),
                    gate.unconfirmedLeaderAddress(), null, List.of(), List.of());
        }
        MetaImage current = state.get();
        if (!current.contains(node)) {
            try {
                // one budget for the check and the admission, so the reply still beats the caller's timeout
                long left = joinWaitMs - TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
                current = leaderLoop.join(node).get(Math.max(1, left), TimeUnit.MILLISECONDS);
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
                current.dataNodes(), current.sessionNodes(), current.switches(), current.appliedIndex());
    }

    /** Waits, boundedly, for Raft to confirm this node leads and has applied all it committed; null when it did. */
    private String confirmLeadership() {
        try {
            role.readIndex().get(joinWaitMs, TimeUnit.MILLISECONDS);
            return null;
        } catch (TimeoutException e) {
            return "no answer within " + joinWaitMs + " ms";
        } catch (ExecutionException e) {
            return String.valueOf(e.getCause().getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
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
