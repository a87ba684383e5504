package io.roster.session.rpc;

import com.alipay.remoting.BizContext;
import com.alipay.remoting.rpc.protocol.SyncUserProcessor;
import io.roster.common.wire.ErrorCode;
import io.roster.common.wire.SessionPing;
import io.roster.common.wire.SimpleReply;

/**
 * Answers clients' liveness pings on the IO thread: a session whose handler pool is busy with slow writes is still
 * alive, and must not look stalled to its clients (they would all move away at once).
 */
public final class SessionPingProcessor extends SyncUserProcessor<SessionPing> {
    private static final SimpleReply ALIVE = new SimpleReply(ErrorCode.OK, "");

    @Override
    public Object handleRequest(BizContext context, SessionPing ping) {
        return ALIVE;
    }

    @Override
    public boolean processInIOThread() {
        return true;
    }

    @Override
    public String interest() {
        return SessionPing.class.getName();
    }
}
