package io.roster.client.push;

import com.alipay.remoting.BizContext;
import io.roster.common.rpc.RequestHandler;
import io.roster.common.wire.ErrorCode;
import io.roster.common.wire.PushAck;
import io.roster.common.wire.PushMessage;

import java.util.concurrent.Executor;

/** Answers a session's push once it is queued for the listeners; runs on its own executor, not bolt's shared one. */
public final class PushHandler extends RequestHandler<PushMessage> {
    private final PushDispatcher dispatcher;

    public PushHandler(PushDispatcher dispatcher, Executor executor) {
        super(PushMessage.class, executor);
        this.dispatcher = dispatcher;
    }

    @Override
    protected Object handle(BizContext context, PushMessage push) {
        if (dispatcher.dispatch(push)) {
            return new PushAck(ErrorCode.OK, "");
        }
        return new PushAck(ErrorCode.UNAVAILABLE, "the client is closing");
    }

    @Override
    protected Object errorReply(ErrorCode code, String message) {
        return new PushAck(code, message);
    }
}
