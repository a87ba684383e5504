package io.roster.datastore.rpc;

import com.alipay.remoting.BizContext;
import io.roster.common.rpc.RequestHandler;
import io.roster.common.wire.ErrorCode;
import io.roster.common.wire.SessionHello;
import io.roster.common.wire.SimpleReply;

/** Remembers the connection a session process said hello on, to send it change notices. */
public final class SessionHelloHandler extends RequestHandler<SessionHello> {
    private final DataRequestContext ctx;

    public SessionHelloHandler(DataRequestContext ctx) {
        super(SessionHello.class, ctx.executor());
        this.ctx = ctx;
    }

    @Override
    protected Object handle(BizContext context, SessionHello request) {
        ctx.checks().sessionProcessId(request.sessionProcessId());
        if (context.getConnection() == null) {
            return new SimpleReply(ErrorCode.INTERNAL_ERROR, "no connection for the hello of " + request.sessionProcessId());
        }
        ctx.sessions().remember(request.sessionProcessId(), context.getConnection());
        return new SimpleReply(ErrorCode.OK, "");
    }

    @Override
    protected Object errorReply(ErrorCode code, String message) {
        return new SimpleReply(code, message);
    }
}
