package io.roster.datastore.store;

import io.roster.common.model.ProcessId;
import io.roster.common.rpc.ReplyException;
import io.roster.common.wire.ErrorCode;

/**
 * A write on behalf of a session process that meta expired; nothing was written. Sent as a retryable UNAVAILABLE:
 * the session's writes are taken again once meta lists it again (its next heartbeat, if it is alive).
 */
public class OwnerExpiredException extends ReplyException {
    public OwnerExpiredException(ProcessId session) {
        super(ErrorCode.UNAVAILABLE, "session process " + session + " was expired by meta; its writes are taken again once meta lists it");
    }
}
