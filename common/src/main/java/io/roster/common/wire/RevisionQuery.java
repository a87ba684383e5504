package io.roster.common.wire;

import java.util.List;

/** SDK to session: the content of these revisions (by digest); answered with a {@link RevisionReply}. */
public final class RevisionQuery {
    public static final int MAX_DIGESTS = 1024;

    private final List<String> digests;

    public RevisionQuery(List<String> digests) {
        this.digests = List.copyOf(digests);
    }

    public List<String> digests() {
        return digests == null ? List.of() : digests;
    }

    @Override
    public String toString() {
        return "RevisionQuery{" + digests().size() + " digest(s)}";
    }
}
