package io.roster.datastore.store;

import io.roster.common.rpc.ReplyException;
import io.roster.common.wire.ErrorCode;

/**
 * A leader's write found that this node no longer leads the slot at that leaderEpoch; nothing was written. Sent to
 * the caller as SLOT_NOT_OWNED, which sessions retry at the new leader.
 */
public class SlotMovedException extends ReplyException {
    public SlotMovedException(int slot, long leaderEpoch) {
        super(ErrorCode.SLOT_NOT_OWNED, "slot " + slot + " is no longer led here at leaderEpoch " + leaderEpoch + "; refresh the slot table and retry");
    }
}
