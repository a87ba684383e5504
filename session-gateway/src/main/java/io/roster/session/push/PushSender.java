package io.roster.session.push;

import io.roster.session.registry.ConnectionHandle;
import io.roster.common.wire.PushMessage;

import java.util.concurrent.CompletableFuture;

/**
 * Sends one push to a client connection without waiting for it: the future completes true on the client's ack,
 * false on a refusal, a failure or the push timeout. It must not block the caller.
 */
public interface PushSender {
    CompletableFuture<Boolean> send(ConnectionHandle connection, PushMessage message);

    /**
     * As {@link #send}, telling apart a client that refused a delta because it does not hold its base (it then
     * wants the full list). A sender that cannot tell reports that as a failure.
     */
    default CompletableFuture<PushOutcome> sendForOutcome(ConnectionHandle connection, PushMessage message) {
        return send(connection, message).thenApply(ok -> Boolean.TRUE.equals(ok) ? PushOutcome.ACKED : PushOutcome.FAILED);
    }

    /** How a push ended. */
    enum PushOutcome {
        ACKED,
        FAILED,
        /** A delta whose base the client does not hold: send it the full list. */
        WANTS_FULL_LIST
    }
}
