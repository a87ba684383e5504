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
import io.roster.meta.image.MetaImage;

import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * A data or session node's heartbeat. On the leader: renews the node's lease, admits it if this process is not
 * live yet, and answers with the slot table (when newer than the node's), the live nodes, the switches, the
 * incident levers (and, to sessions, the client ACL) and the revision catalog's version, stamped with the version (applied log index) of the state they come from. A data
 * node's replica states are kept for the slot scheduler, a session's revisions in use for revision collection. A
 * joining node's reply waits, boundedly, for the entry that admits it, so a new data node learns its slots at once.
 * <p>
 * It answers from its state only after a Raft ReadIndex confirmed its leadership (ARCHITECTURE.md invariant 6): a deposed
 * leader that has not noticed yet answers NOT_LEADER, naming no leader, so the node asks the other meta servers
 * instead of taking a stale node list that would make data drop a live session.
 */
public final class HeartbeatHandler extends RequestHandler<HeartbeatRequest> {
    private final LeaderRequest leader;
    private final long joinWaitMs;

    /**
     * @param joinWaitMs how long a reply may wait for the leadership check and, for a joining node, its admission
     *                   (one budget for both); below the caller's timeout
     */
    public HeartbeatHandler(LeaderRequest leader, long joinWaitMs, Executor executor) {
        super(HeartbeatRequest.class, executor);
        this.leader = leader;
        this.joinWaitMs = joinWaitMs;
    }

    @Override
    protected Object handle(BizContext context, HeartbeatRequest request) {
        NodeInfo node = validate(request);
        leader.requireLeader();
        leader.loop().heard(request);
        long started = System.nanoTime();
        String unconfirmed = leader.confirmLeadership(joinWaitMs);
        if (unconfirmed != null) {
            return new HeartbeatReply(ErrorCode.NOT_LEADER, LeaderRequest.unconfirmedMessage(unconfirmed),
                    leader.unconfirmedLeaderAddress(), null, List.of(), List.of());
        }
        MetaImage current = leader.image();
        if (!current.contains(node)) {
            // one budget for the check and the admission, so the reply still beats the caller's timeout
            long left = joinWaitMs - TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            // still in flight when empty: answer with what is known, the next heartbeat brings the table
            current = leader.await(leader.loop().join(node), left, "could not admit " + node.address())
                    .orElseGet(leader::image);
        }
        SlotTable table = current.slotTable();
        return new HeartbeatReply(ErrorCode.OK, "", leader.leaderAddress(), table.epoch() > request.knownEpoch() ? table : null,
                current.dataNodes(), current.sessionNodes(), current.switches(), current.appliedIndex(),
                current.revisions().version(), current.levers(),
                // Only sessions check clients; bounded by ClientAcl's caps (about 200 KB when full).
                request.node().role() == NodeRole.SESSION ? current.acl() : null);
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
        return new HeartbeatReply(code, message, leader.leaderAddress(), null, List.of(), List.of());
    }
}
