package io.roster.datastore.rpc;

import com.alipay.remoting.BizContext;
import io.roster.common.rpc.RequestHandler;
import io.roster.common.wire.ErrorCode;
import io.roster.common.wire.SessionDigest;
import io.roster.common.wire.SessionDigestReply;
import io.roster.common.wire.SlotDigest;
import io.roster.datastore.migration.SessionDigests;
import io.roster.datastore.slot.SlotAssignment;

import java.util.ArrayList;
import java.util.List;

/**
 * A session's periodic digest: answers which of the slots it sent (among those this node leads and serves) hold
 * another set of that session's publishers than the session has. The session then sends those slots in full
 * ({@link SessionSlotSyncHandler}). Slots not led here, or still migrating, are skipped: their leader, or the
 * migration, reconciles them.
 */
public final class SessionDigestHandler extends RequestHandler<SessionDigest> {
    private final DataRequestContext ctx;

    public SessionDigestHandler(DataRequestContext ctx) {
        super(SessionDigest.class, ctx.executor());
        this.ctx = ctx;
    }

    @Override
    protected Object handle(BizContext context, SessionDigest request) {
        ctx.checks().sessionProcessId(request.sessionProcessId());
        ctx.requireNotExpired(request.sessionProcessId());
        SlotAssignment current = ctx.assignment().get();
        if (!current.usable().ok()) {
            return errorReply(current.usable().code(), current.usable().message());
        }
        List<Integer> mismatched = new ArrayList<>();
        for (SlotDigest theirs : request.slots()) {
            if (theirs == null || !ctx.servableSlot(current, theirs.slotId()).ok()) {
                continue;
            }
            if (!SessionDigests.of(ctx.store().datums(theirs.slotId()), request.sessionProcessId()).matches(theirs)) {
                mismatched.add(theirs.slotId());
            }
        }
        return new SessionDigestReply(ErrorCode.OK, "", mismatched);
    }

    @Override
    protected Object errorReply(ErrorCode code, String message) {
        return new SessionDigestReply(code, message, List.of());
    }
}
