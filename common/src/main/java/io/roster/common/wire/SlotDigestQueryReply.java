package io.roster.common.wire;

import io.roster.common.model.*;

import java.util.List;

/** Session to data leader: the session's digest of each slot asked for (count 0 when it has none there). */
public final class SlotDigestQueryReply extends Reply {
    private final ProcessId sessionProcessId;
    private final List<SlotDigest> slots;

    public SlotDigestQueryReply(ErrorCode code, String message, ProcessId sessionProcessId, List<SlotDigest> slots) {
        super(code, message);
        this.sessionProcessId = sessionProcessId;
        this.slots = slots == null ? List.of() : List.copyOf(slots);
    }

    public ProcessId sessionProcessId() {
        return sessionProcessId;
    }

    public List<SlotDigest> slots() {
        return slots == null ? List.of() : slots;
    }
}
