package io.roster.meta.rpc;

import com.alipay.remoting.BizContext;
import io.roster.common.model.InvalidInputException;
import io.roster.common.model.Switch;
import io.roster.common.rpc.RequestHandler;
import io.roster.common.wire.ErrorCode;
import io.roster.common.wire.SwitchReply;
import io.roster.common.wire.SwitchRequest;
import io.roster.meta.leader.LeaderLoop;
import io.roster.meta.raft.ProposalFailedException;
import io.roster.meta.raft.RaftRole;
import io.roster.meta.image.MetaImage;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/** `roster push on|off|status`: reads or flips a cluster switch through the Raft log, on the leader only. */
public final class SwitchHandler extends RequestHandler<SwitchRequest> {
    private final LeaderGate gate;
    private final LeaderLoop leaderLoop;
    private final Supplier<MetaImage> state;
    private final long writeTimeoutMs;

    public SwitchHandler(RaftRole role, LeaderLoop leaderLoop, Supplier<MetaImage> state, long writeTimeoutMs, Executor executor) {
        super(SwitchRequest.class, executor);
        this.gate = new LeaderGate(role, leaderLoop);
        this.leaderLoop = leaderLoop;
        this.state = state;
        this.writeTimeoutMs = writeTimeoutMs;
    }

    @Override
    protected Object handle(BizContext context, SwitchRequest request) {
        if (gate.starting()) {
            return errorReply(ErrorCode.UNAVAILABLE, LeaderGate.startingMessage());
        }
        if (!gate.open()) {
            return errorReply(ErrorCode.NOT_LEADER, gate.notLeaderMessage());
        }
        if (!request.set()) {
            return new SwitchReply(ErrorCode.OK, "", gate.leaderAddress(), state.get().switches());
        }
        Switch target;
        try {
            target = Switch.ofKey(request.switchKey());
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(e.getMessage());
        }
        try {
            MetaImage after = leaderLoop.setSwitch(target, request.on()).get(writeTimeoutMs, TimeUnit.MILLISECONDS);
            return new SwitchReply(ErrorCode.OK, "", gate.leaderAddress(), after.switches());
        } catch (TimeoutException e) {
            return errorReply(ErrorCode.UNAVAILABLE, "the switch write was not committed within " + writeTimeoutMs
                    + " ms (no meta quorum?); it may still take effect");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof ProposalFailedException f && f.notLeader()) {
                return errorReply(ErrorCode.NOT_LEADER, gate.notLeaderMessage());
            }
            return errorReply(ErrorCode.UNAVAILABLE, "the switch write failed: " + e.getCause().getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return errorReply(ErrorCode.UNAVAILABLE, "meta is shutting down");
        }
    }

    @Override
    protected Object errorReply(ErrorCode code, String message) {
        return new SwitchReply(code, message, gate.leaderAddress(), null);
    }
}
