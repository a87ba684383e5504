package io.roster.client.push;

import com.alipay.remoting.BizContext;
import io.roster.common.rpc.RequestHandler;
import io.roster.common.wire.ErrorCode;
import io.roster.common.wire.PushAck;
import io.roster.common.wire.PushMessage;

import java.util.concurrent.Executor;

/**
 * Answers a session's push once it is queued for the listeners; runs on its own executor, not bolt's shared one.
 * Deflated data is inflated here, up to {@link #MAX_PUSH_BYTES}: a corrupt or oversized payload is answered
 * INVALID_REQUEST (the session logs and retries it) and never reaches a listener.
 */
public final class PushHandler extends RequestHandler<PushMessage> {
    /** The most data one push may inflate to. */
    public static final long MAX_PUSH_BYTES = 256L * 1024 * 1024;

    private final PushDispatcher dispatcher;

    public PushHandler(PushDispatcher dispatcher, Executor executor) {
        super(PushMessage.class, executor);
        this.dispatcher = dispatcher;
    }

    @Override
    protected Object handle(BizContext context, PushMessage push) {
        if (dispatcher.dispatch(push.inflated(MAX_PUSH_BYTES))) {
            return new PushAck(ErrorCode.OK, "");
        }
        return new PushAck(ErrorCode.UNAVAILABLE, "the client is closing");
    }

    @Override
    protected Object errorReply(ErrorCode code, String message) {
        return new PushAck(code, message);
    }
}
