package io.roster.datastore.slot;

import io.roster.common.wire.ErrorCode;

/** Whether this node may serve a slot now; when it may, the slot's leaderEpoch to version writes with. */
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
