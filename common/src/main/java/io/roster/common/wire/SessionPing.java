package io.roster.common.wire;

/**
 * SDK client to its session, every few hundred milliseconds: are you still answering? A session answers at once,
 * on its IO thread, with an OK {@link SimpleReply}; a client that gets no answer within its liveness timeout moves
 * to another session before meta's lease on this one runs out.
 */
public final class SessionPing {
    @Override
    public String toString() {
        return "SessionPing{}";
    }
}
