package io.roster.common.wire;

import io.roster.common.model.*;

import java.util.List;

/** Session to data leader, periodically: the digest of this session's publishers in each slot the leader leads. */
public final class SessionDigest {
    private final ProcessId sessionProcessId;
    private final List<SlotDigest> slots;

    public SessionDigest(ProcessId sessionProcessId, List<SlotDigest> slots) {
        this.sessionProcessId = sessionProcessId;
        this.slots = slots == null ? List.of() : List.copyOf(slots);
    }

    public ProcessId sessionProcessId() {
        return sessionProcessId;
    }

    public List<SlotDigest> slots() {
        return slots == null ? List.of() : slots;
    }

    @Override
    public String toString() {
        return "SessionDigest{" + "sessionProcessId=" + sessionProcessId + ", " + "slots=" + slots().size() + "}";
    }
}
