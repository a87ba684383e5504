package io.roster.common.wire;

import io.roster.common.model.ProcessId;

import java.util.List;

/**
 * Session to slot leader, periodically: which of these datums (the session's subscribed ones) are newer than the
 * version the session pushed of each ({@code pushedVersions}, parallel to {@code dataInfoIds}; a missing entry asks
 * for the datum whatever its version). The answer lists only those, so a steady state costs an empty reply.
 * The query also declares (again) the session's interest in every datum listed, with its interest sequence: a new
 * slot leader, or a restarted one, learns from it where to send change notices.
 */
public final class DatumVersionsQuery {
    private final List<String> dataInfoIds;
    private final List<Long> pushedVersions;
    private final ProcessId interestedSession;
    private final long interestSeq;

    public DatumVersionsQuery(List<String> dataInfoIds, List<Long> pushedVersions) {
        this(dataInfoIds, pushedVersions, null, 0);
    }

    public DatumVersionsQuery(List<String> dataInfoIds, List<Long> pushedVersions, ProcessId interestedSession,
                              long interestSeq) {
        this.interestedSession = interestedSession;
        this.interestSeq = interestSeq;
        this.dataInfoIds = dataInfoIds == null ? List.of() : List.copyOf(dataInfoIds);
        this.pushedVersions = pushedVersions == null ? List.of() : List.copyOf(pushedVersions);
    }

    public List<String> dataInfoIds() {
        return dataInfoIds == null ? List.of() : dataInfoIds;
    }

    /** The version pushed of {@code dataInfoIds().get(i)}, or -1 when not given. */
    public long pushedVersion(int i) {
        return pushedVersions == null || i >= pushedVersions.size() || pushedVersions.get(i) == null ? -1 : pushedVersions.get(i);
    }

    /** The session declaring its interest in these datums, or null. */
    public ProcessId interestedSession() {
        return interestedSession;
    }

    public long interestSeq() {
        return interestSeq;
    }

    @Override
    public String toString() {
        return "DatumVersionsQuery{" + dataInfoIds().size() + " datums}";
    }
}
