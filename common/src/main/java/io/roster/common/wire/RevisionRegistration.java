package io.roster.common.wire;

import io.roster.common.app.Revision;

/**
 * SDK to session, and session to the meta leader: register a revision (idempotent by its digest). Answered with a
 * {@link SimpleReply}: OK once the revision is in meta's replicated state (at once when the session already knows
 * it), INVALID_REQUEST when its content is bad or does not match its digest, NOT_LEADER or UNAVAILABLE (retryable)
 * when meta cannot take it now.
 */
public final class RevisionRegistration {
    private final Revision revision;

    public RevisionRegistration(Revision revision) {
        this.revision = revision;
    }

    public Revision revision() {
        return revision;
    }

    @Override
    public String toString() {
        return "RevisionRegistration{" + revision + "}";
    }
}
