package io.roster.datastore.slot;

import io.roster.common.wire.ErrorCode;

/** A {@link SlotAssignment}'s answer to "may this node serve that slot": when it may, the leaderEpoch to version writes with. */
public record SlotCheck(ErrorCode code, String message, long leaderEpoch) {
    public static SlotCheck serve(long leaderEpoch) {
        return new SlotCheck(ErrorCode.OK, "", leaderEpoch);
    }

    public static SlotCheck refuse(ErrorCode code, String message) {
        return new SlotCheck(code, message, 0);
    }

    public boolean ok() {
        return code == ErrorCode.OK;
    }
}
