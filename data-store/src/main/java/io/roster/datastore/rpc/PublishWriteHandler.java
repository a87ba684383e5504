package io.roster.datastore.rpc;

import com.alipay.remoting.BizContext;
import io.roster.common.rpc.RequestHandler;
import io.roster.common.wire.ErrorCode;
import io.roster.common.wire.PublishWrite;
import io.roster.common.wire.WriteReply;
import io.roster.datastore.slot.SlotCheck;
import io.roster.datastore.store.WriteResult;

/** Stores a publisher in a slot this node leads; answers with the datum version after the write. */
public final class PublishWriteHandler extends RequestHandler<PublishWrite> {
    private final DataRequestContext ctx;

    public PublishWriteHandler(DataRequestContext ctx) {
        super(PublishWrite.class, ctx.executor());
        this.ctx = ctx;
    }

    @Override
    protected Object handle(BizContext context, PublishWrite request) {
        String dataInfoId = ctx.checks().publisher(request.publisher());
        ctx.requireNotExpired(request.publisher().sessionProcessId());
        SlotCheck slot = ctx.servable(request.slotId(), dataInfoId);
        if (!slot.ok()) {
            return errorReply(slot.code(), slot.message());
        }
        WriteResult result = ctx.store().put(request.slotId(), request.publisher(), slot.leaderEpoch());
        ctx.countWrites(1);
        ctx.fanout().afterWrite(result.changes());
        return new WriteReply(ErrorCode.OK, "", result.version());
    }

    @Override
    protected Object errorReply(ErrorCode code, String message) {
        return new WriteReply(code, message, 0);
    }
}
