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
}
