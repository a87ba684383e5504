package io.roster.datastore.rpc;

import com.alipay.remoting.BizContext;
import io.roster.common.model.InvalidInputException;
import io.roster.common.model.Publisher;
import io.roster.common.rpc.RequestHandler;
import io.roster.common.wire.ErrorCode;
import io.roster.common.wire.SessionSlotSync;
import io.roster.common.wire.WriteReply;
import io.roster.datastore.slot.SlotAssignment;
import io.roster.datastore.slot.SlotCheck;
import io.roster.datastore.store.WriteResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A session's full list of its publishers in one slot, sent after a digest mismatch: makes what that session owns
 * here equal to it (a write lost in a crash comes back, a publisher the session no longer has goes). The session is
 * the source of truth for its own publishers (docs/ARCHITECTURE.md).
 */
public final class SessionSlotSyncHandler extends RequestHandler<SessionSlotSync> {
    private static final Logger LOG = LoggerFactory.getLogger(SessionSlotSyncHandler.class);
    private final DataRequestContext ctx;

    public SessionSlotSyncHandler(DataRequestContext ctx) {
        super(SessionSlotSync.class, ctx.executor());
        this.ctx = ctx;
    }

    @Override
    protected Object handle(BizContext context, SessionSlotSync request) {
        ctx.checks().sessionProcessId(request.sessionProcessId());
        ctx.requireNotExpired(request.sessionProcessId());
        SlotAssignment current = ctx.assignment().get();
        if (!current.usable().ok()) {
            return errorReply(current.usable().code(), current.usable().message());
        }
        for (Publisher p : request.publishers()) {
            String dataInfoId = ctx.checks().publisher(p);
            ctx.checks().slot(request.slotId(), dataInfoId);
            if (!p.sessionProcessId().equals(request.sessionProcessId())) {
                throw new InvalidInputException("publisher " + p.registerId() + " is owned by " + p.sessionProcessId()
                        + ", not by the syncing session " + request.sessionProcessId());
            }
        }
        SlotCheck slot = ctx.servableSlot(current, request.slotId());
        if (!slot.ok()) {
            return errorReply(slot.code(), slot.message());
        }
        WriteResult result = ctx.store().syncSession(request.slotId(), request.sessionProcessId(), request.snapshotStamp(),
                request.publishers(), slot.leaderEpoch());
        ctx.fanout().afterWrite(result.changes());
        if (result.hasChanges()) {
            LOG.info("session {} repaired slot {}: {} datums changed", request.sessionProcessId(), request.slotId(),
                    result.changes().size());
        }
        return new WriteReply(ErrorCode.OK, "", 0);
    }

    @Override
    protected Object errorReply(ErrorCode code, String message) {
        return new WriteReply(code, message, 0);
    }
}
