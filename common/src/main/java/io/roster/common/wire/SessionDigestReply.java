package io.roster.common.wire;

import java.util.List;

/** Data leader to session: the slots (of those sent, led here and ready) whose copy of the session's publishers differs. */
public final class SessionDigestReply extends Reply {
    private final List<Integer> mismatchedSlots;

    public SessionDigestReply(ErrorCode code, String message, List<Integer> mismatchedSlots) {
        super(code, message);
        this.mismatchedSlots = mismatchedSlots == null ? List.of() : List.copyOf(mismatchedSlots);
    }

    public List<Integer> mismatchedSlots() {
        return mismatchedSlots == null ? List.of() : mismatchedSlots;
    }
}
