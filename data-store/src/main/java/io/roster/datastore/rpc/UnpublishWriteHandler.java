package io.roster.datastore.rpc;

import com.alipay.remoting.BizContext;
import io.roster.common.rpc.RequestHandler;
import io.roster.common.wire.ErrorCode;
import io.roster.common.wire.UnpublishWrite;
import io.roster.common.wire.WriteReply;
import io.roster.datastore.slot.SlotCheck;
import io.roster.datastore.store.WriteResult;

/**
 * Removes a publisher, if the sending session process owns it. Removing one that is not there (or not the
 * sender's) is not an error: the outcome the session wants already holds, so it gets OK and the current version.
 */
public final class UnpublishWriteHandler extends RequestHandler<UnpublishWrite> {
    private final DataRequestContext ctx;

    public UnpublishWriteHandler(DataRequestContext ctx) {
        super(UnpublishWrite.class, ctx.executor());
        this.ctx = ctx;
    }

    @Override
    protected Object handle(BizContext context, UnpublishWrite request) {
        String dataInfoId = ctx.checks().dataInfoId(request.dataInfoId());
        ctx.checks().registerId(request.registerId());
        ctx.checks().sessionProcessId(request.sessionProcessId());
        SlotCheck slot = ctx.servable(request.slotId(), dataInfoId);
        if (!slot.ok()) {
            return errorReply(slot.code(), slot.message());
        }
        WriteResult result = ctx.store().remove(request.slotId(), dataInfoId, request.registerId(),
                request.sessionProcessId(), request.removedAt(), slot.leaderEpoch());
        ctx.countWrites(1);
        ctx.fanout().afterWrite(result.changes());
        return new WriteReply(ErrorCode.OK, "", result.version());
    }

    @Override
    protected Object errorReply(ErrorCode code, String message) {
        return new WriteReply(code, message, 0);
    }
}
