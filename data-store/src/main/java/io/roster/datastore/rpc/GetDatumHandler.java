package io.roster.datastore.rpc;

import com.alipay.remoting.BizContext;
import io.roster.common.rpc.RequestHandler;
import io.roster.common.wire.DatumReply;
import io.roster.common.wire.ErrorCode;
import io.roster.common.wire.GetDatumRequest;
import io.roster.datastore.slot.SlotCheck;

/**
 * Reads one datum from a slot this node leads. An error reply carries no datum. A session's read declares its
 * interest first, so a change made after the read is announced to it: the read and the notice cannot both miss it.
 */
public final class GetDatumHandler extends RequestHandler<GetDatumRequest> {
    private final DataRequestContext ctx;

    public GetDatumHandler(DataRequestContext ctx) {
        super(GetDatumRequest.class, ctx.executor());
        this.ctx = ctx;
    }

    @Override
    protected Object handle(BizContext context, GetDatumRequest request) {
        String dataInfoId = ctx.checks().dataInfoId(request.dataInfoId());
        if (request.interestedSession() != null) {
            ctx.checks().sessionProcessId(request.interestedSession());
            ctx.sessions().interests().declare(request.interestedSession(), dataInfoId, request.interestSeq());
        }
        SlotCheck slot = ctx.servable(request.slotId(), dataInfoId);
        if (!slot.ok()) {
            return errorReply(slot.code(), slot.message());
        }
        return new DatumReply(ErrorCode.OK, "", ctx.store().get(dataInfoId));
    }

    @Override
    protected Object errorReply(ErrorCode code, String message) {
        return new DatumReply(code, message, null);
    }
}
