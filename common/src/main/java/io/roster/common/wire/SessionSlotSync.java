package io.roster.common.wire;

import io.roster.common.model.*;

import java.util.List;

/** Session to data leader: every publisher this session owns in one slot, as of snapshotStamp (a registration-clock tick taken before the snapshot). */
public final class SessionSlotSync {
    private final ProcessId sessionProcessId;
    private final int slotId;
    private final long snapshotStamp;
    private final List<Publisher> publishers;

    public SessionSlotSync(ProcessId sessionProcessId, int slotId, long snapshotStamp, List<Publisher> publishers) {
        this.sessionProcessId = sessionProcessId;
        this.slotId = slotId;
        this.snapshotStamp = snapshotStamp;
        this.publishers = publishers == null ? List.of() : List.copyOf(publishers);
    }

    public ProcessId sessionProcessId() {
        return sessionProcessId;
    }

    public int slotId() {
        return slotId;
    }

    /** Publishers of this session at data registered at or before this stamp and absent here are removed. */
    public long snapshotStamp() {
        return snapshotStamp;
    }

    public List<Publisher> publishers() {
        return publishers == null ? List.of() : publishers;
    }

    @Override
    public String toString() {
        return "SessionSlotSync{" + "sessionProcessId=" + sessionProcessId + ", " + "slotId=" + slotId + ", " + "snapshotStamp=" + snapshotStamp + ", " + "publishers=" + publishers().size() + "}";
    }
}
