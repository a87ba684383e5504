package io.roster.client.session;

import io.roster.common.wire.Reply;

/** How one call on a session connection ended: the session answered, or no answer came. */
public sealed interface CallOutcome {
    /** The session answered (possibly with an error code). */
    record Answered(Reply reply) implements CallOutcome {
    }

    /**
     * No answer: the request may or may not have been applied. {@code connectionFailed} is true when the connection
     * closed, refused the send or timed out, so it can no longer be trusted; false when only the caller was interrupted.
     */
    record Lost(String reason, boolean connectionFailed) implements CallOutcome {
    }
}
