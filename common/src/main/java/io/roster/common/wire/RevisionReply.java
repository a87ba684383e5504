package io.roster.common.wire;

import io.roster.common.app.Revision;

import java.util.List;

/** Session to SDK: the revisions asked for that the session knows; a digest it does not know is left out. */
public final class RevisionReply extends Reply {
    private final List<Revision> revisions;

    public RevisionReply(ErrorCode code, String message, List<Revision> revisions) {
        super(code, message);
        this.revisions = List.copyOf(revisions);
    }

    public List<Revision> revisions() {
        return revisions == null ? List.of() : revisions;
    }
}
