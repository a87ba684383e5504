package io.roster.common.heartbeat;

import com.alipay.remoting.BizContext;
import io.roster.common.rpc.RequestHandler;
import io.roster.common.wire.ClusterChangedNotice;
import io.roster.common.wire.ErrorCode;
import io.roster.common.wire.SimpleReply;

import java.util.concurrent.Executor;

/**
 * Meta's oneway "the slot table changed" on a data or session node: heartbeat now rather than at the next tick,
 * so a promotion or a new leader is known in milliseconds. The notice carries nothing to trust; the heartbeat
 * reply is what counts.
 */
public final class ClusterChangedHandler extends RequestHandler<ClusterChangedNotice> {
    private final Runnable beatSoon;

    public ClusterChangedHandler(Runnable beatSoon, Executor executor) {
        super(ClusterChangedNotice.class, executor);
        this.beatSoon = beatSoon;
    }

    @Override
    protected Object handle(BizContext context, ClusterChangedNotice notice) {
        beatSoon.run();
        return new SimpleReply(ErrorCode.OK, "");
    }

    @Override
    protected boolean nodesOnly() {
        return true; // only meta sends it; from anyone else it would be a free trigger of heartbeats
    }

    @Override
    protected Object errorReply(ErrorCode code, String message) {
        return new SimpleReply(code, message);
    }
}
