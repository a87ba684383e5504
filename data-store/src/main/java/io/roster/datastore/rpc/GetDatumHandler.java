package io.roster.datastore.rpc;

import com.alipay.remoting.BizContext;
import io.roster.common.rpc.RequestHandler;
import io.roster.common.wire.DatumReply;
import io.roster.common.wire.ErrorCode;
import io.roster.common.wire.GetDatumRequest;
import io.roster.datastore.slot.SlotCheck;

/** Reads one datum from a slot this node leads. An error reply carries no datum. */
public final class GetDatumHandler extends RequestHandler<GetDatumRequest> {
    private final DataRequestContext ctx;

    public GetDatumHandler(DataRequestContext ctx) {
        super(GetDatumRequest.class, ctx.executor());
        this.ctx = ctx;
    }

    @Override
    protected Object handle(BizContext context, GetDatumRequest request) {
        String dataInfoId = ctx.checks().dataInfoId(request.dataInfoId());
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
