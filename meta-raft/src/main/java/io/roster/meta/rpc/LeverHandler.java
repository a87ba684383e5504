package io.roster.meta.rpc;

import com.alipay.remoting.BizContext;
import io.roster.common.lever.IncidentLevers;
import io.roster.common.lever.Lever;
import io.roster.common.model.InvalidInputException;
import io.roster.common.rpc.RequestHandler;
import io.roster.common.wire.ErrorCode;
import io.roster.common.wire.LeverReply;
import io.roster.common.wire.LeverRequest;
import io.roster.meta.image.MetaImage;
import io.roster.meta.state.LeverChanged;

import java.util.Optional;
import java.util.concurrent.Executor;

/**
 * The admin API's incident levers: reads them, or adds or removes one value through the Raft log, on the leader only.
 * The value is checked and normalized here, so the log holds only values every version of this rule takes.
 */
public final class LeverHandler extends RequestHandler<LeverRequest> {
    private final LeaderRequest leader;
    private final long writeTimeoutMs;

    public LeverHandler(LeaderRequest leader, long writeTimeoutMs, Executor executor) {
        super(LeverRequest.class, executor);
        this.leader = leader;
        this.writeTimeoutMs = writeTimeoutMs;
    }

    @Override
    protected Object handle(BizContext context, LeverRequest request) {
        leader.requireLeader();
        MetaImage now = leader.image();
        if (!request.set()) {
            return new LeverReply(ErrorCode.OK, "", leader.leaderAddress(), now.levers(), now.switches());
        }
        Lever lever = Lever.ofKey(request.lever());
        String value = lever.normalize(request.value());
        try {
            // Checked against the levers now, so a full list is refused here rather than failing its log entry.
            now.levers().with(lever, value, request.on(), now.appliedIndex() + 1);
        } catch (IncidentLevers.LeverLimitException e) {
            return errorReply(ErrorCode.LIMIT_EXCEEDED, e.getMessage());
        }
        Optional<MetaImage> after = leader.await(leader.loop().writeSetting(new LeverChanged(lever, value, request.on())),
                writeTimeoutMs, "the lever write failed");
        if (after.isEmpty()) {
            return errorReply(ErrorCode.UNAVAILABLE, "the lever write was not committed within " + writeTimeoutMs
                    + " ms (no meta quorum?); it may still take effect");
        }
        if (request.on() && !after.get().levers().values(lever).contains(value)) {
            // Two adds that each passed the check above on the same image: the log applied the one past the cap as
            // nothing (replay never throws), so this one did not take effect.
            return errorReply(ErrorCode.LIMIT_EXCEEDED, lever.key() + " " + value + " was not added: the lever was full"
                    + " when its entry applied (another add came first)");
        }
        return new LeverReply(ErrorCode.OK, "", leader.leaderAddress(), after.get().levers(), after.get().switches());
    }

    @Override
    protected Object errorReply(ErrorCode code, String message) {
        return new LeverReply(code, message, leader.leaderAddress(), null, null);
    }
}
