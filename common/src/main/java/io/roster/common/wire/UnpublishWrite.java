package io.roster.common.wire;

import io.roster.common.model.*;

/** Session to slot leader: remove a publisher, only if the sending session owns it. */
public final class UnpublishWrite {
    private final int slotId;
    private final String dataInfoId;
    private final String registerId;
    private final ProcessId sessionProcessId;

    public UnpublishWrite(int slotId, String dataInfoId, String registerId, ProcessId sessionProcessId) {
        this.slotId = slotId;
        this.dataInfoId = dataInfoId;
        this.registerId = registerId;
        this.sessionProcessId = sessionProcessId;
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

    @Override
    public String toString() {
        return "UnpublishWrite{" + "slotId=" + slotId + " " + "dataInfoId=" + dataInfoId + " " + "registerId=" + registerId + " " + "sessionProcessId=" + sessionProcessId + "}";
    }
}
