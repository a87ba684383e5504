package io.roster.meta.rpc;

import com.alipay.remoting.BizContext;
import io.roster.common.model.InvalidInputException;
import io.roster.common.model.Switch;
import io.roster.common.rpc.RequestHandler;
import io.roster.common.wire.ErrorCode;
import io.roster.common.wire.SwitchReply;
import io.roster.common.wire.SwitchRequest;
import io.roster.meta.image.MetaImage;

import java.util.Optional;
import java.util.concurrent.Executor;

/** `roster push on|off|status`: reads or flips a cluster switch through the Raft log, on the leader only. */
public final class SwitchHandler extends RequestHandler<SwitchRequest> {
    private final LeaderRequest leader;
    private final long writeTimeoutMs;

    public SwitchHandler(LeaderRequest leader, long writeTimeoutMs, Executor executor) {
        super(SwitchRequest.class, executor);
        this.leader = leader;
        this.writeTimeoutMs = writeTimeoutMs;
    }

    @Override
    protected Object handle(BizContext context, SwitchRequest request) {
        leader.requireLeader();
        if (!request.set()) {
            return new SwitchReply(ErrorCode.OK, "", leader.leaderAddress(), leader.image().switches());
        }
        Switch target;
        try {
            target = Switch.ofKey(request.switchKey());
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(e.getMessage());
        }
        Optional<MetaImage> after = leader.await(leader.loop().setSwitch(target, request.on()), writeTimeoutMs,
                "the switch write failed");
        if (after.isEmpty()) {
            return errorReply(ErrorCode.UNAVAILABLE, "the switch write was not committed within " + writeTimeoutMs
                    + " ms (no meta quorum?); it may still take effect");
        }
        return new SwitchReply(ErrorCode.OK, "", leader.leaderAddress(), after.get().switches());
    }

    @Override
    protected Object errorReply(ErrorCode code, String message) {
        return new SwitchReply(code, message, leader.leaderAddress(), null);
    }
}
