package io.roster.common.wire;

import io.roster.common.model.*;

/** Session to slot leader: remove a publisher, only if the sending session owns it. */
public final class UnpublishWrite {
    private final int slotId;
    private final String dataInfoId;
    private final String registerId;
    private final ProcessId sessionProcessId;
    private final long removedAt;

    /** @param removedAt the session's registration-clock tick at which it dropped the publisher (0: unknown) */
    public UnpublishWrite(int slotId, String dataInfoId, String registerId, ProcessId sessionProcessId, long removedAt) {
        this.slotId = slotId;
        this.dataInfoId = dataInfoId;
        this.registerId = registerId;
        this.sessionProcessId = sessionProcessId;
        this.removedAt = removedAt;
    }

    public int slotId() {
        return slotId;
    }

    public String dataInfoId() {
        return dataInfoId;
    }

    public String registerId() {
        return registerId;
    }

    public ProcessId sessionProcessId() {
        return sessionProcessId;
    }

    /**
     * When the session dropped the publisher, on its registration clock: data then refuses to bring it back from a
     * write or snapshot the session made before that. 0 when unknown.
     */
    public long removedAt() {
        return removedAt;
    }

    @Override
    public String toString() {
        return "UnpublishWrite{" + "slotId=" + slotId + " " + "dataInfoId=" + dataInfoId + " " + "registerId=" + registerId + " " + "sessionProcessId=" + sessionProcessId + " removedAt=" + removedAt + "}";
    }
}
