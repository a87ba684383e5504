package io.roster.common.wire;

import io.roster.common.model.*;

import java.util.List;

/** Session to data leader: the session's publishers in the slots asked for, as of snapshotStamp. */
public final class SlotPublishersReply extends Reply {
    private final ProcessId sessionProcessId;
    private final long snapshotStamp;
    private final List<Publisher> publishers;

    public SlotPublishersReply(ErrorCode code, String message, ProcessId sessionProcessId, long snapshotStamp, List<Publisher> publishers) {
        super(code, message);
        this.sessionProcessId = sessionProcessId;
        this.snapshotStamp = snapshotStamp;
        this.publishers = publishers == null ? List.of() : List.copyOf(publishers);
    }

    public ProcessId sessionProcessId() {
        return sessionProcessId;
    }

    public long snapshotStamp() {
        return snapshotStamp;
    }

    public List<Publisher> publishers() {
        return publishers == null ? List.of() : publishers;
    }
}
