package io.roster.client.push;

import com.alipay.remoting.BizContext;
import io.roster.common.rpc.RequestHandler;
import io.roster.common.wire.ErrorCode;
import io.roster.common.wire.PushAck;
import io.roster.common.wire.PushMessage;

import java.util.concurrent.Executor;

/**
 * Answers a session's push once the {@link PushDispatcher} took it into its subscriptions' "latest" slots (or found
 * it stale); runs on its own executor, not bolt's shared one. Deflated data is inflated here, up to
 * {@link #MAX_PUSH_BYTES}: a corrupt or oversized payload is answered INVALID_REQUEST (the session logs and retries
 * it) and never reaches a listener. A delta push is applied to the subscriptions' {@link PushCopies} first, and
 * the listeners get whole lists; a delta whose base a copy does not hold is answered
 * {@link PushAck#wantsFullList(String)}, and the session sends the full list instead.
 *
 * <p>Why the ack does not wait for the listener: listeners are user code and may block for ever. An ack held until
 * delivery would hold this handler's thread (and with it every later push of this client), time out at the session,
 * count as the client's failure, and make the session retry and pause all of this client's subscribers in turn,
 * for as long as the listener blocks. Acking on taking the push is safe because the slot is bounded: each
 * subscription holds at most one undelivered push, the newest, so the session's
 * {@code session.max-pending-pushes-per-client} (pushes awaiting this client's ack) bounds what is on the wire and in
 * this handler's queue, and the SDK's heap is bounded by its subscriptions, not by the number of changes. An ack
 * therefore means "this version, or a newer one, will be handed to the listener", which is what the session's
 * pushed version needs (ARCHITECTURE.md invariant 2).
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
        PushCopies.Taken taken = dispatcher.copies().take(push.inflated(MAX_PUSH_BYTES), dispatcher::isLive);
        if (taken.refused()) {
            return PushAck.wantsFullList(taken.refusal());
        }
        boolean open = true;
        for (PushMessage whole : taken.toDispatch()) {
            open &= dispatcher.dispatch(whole);
        }
        if (open) {
            return new PushAck(ErrorCode.OK, "");
        }
        return new PushAck(ErrorCode.UNAVAILABLE, "the client is closing");
    }

    @Override
    protected Object errorReply(ErrorCode code, String message) {
        return new PushAck(code, message);
    }
}
