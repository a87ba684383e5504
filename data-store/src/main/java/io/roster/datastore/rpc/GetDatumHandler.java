package io.roster.datastore.rpc;

import com.alipay.remoting.BizContext;
import com.codahale.metrics.Counter;
import io.roster.common.rpc.RequestHandler;
import io.roster.common.wire.DatumReply;
import io.roster.common.wire.ErrorCode;
import io.roster.common.wire.GetDatumRequest;
import io.roster.datastore.slot.SlotCheck;
import io.roster.datastore.store.DatumRead;

/**
 * Reads one datum from a slot this node leads. An error reply carries no datum. A session's read declares its
 * interest first, so a change made after the read is announced to it: the read and the notice cannot both miss it.
 * A read since a version gets the changes since it when the store still knows them, else the whole datum. A datum
 * this node does not hold reads empty at a version that never goes down ({@link DataRequestContext#readable}).
 */
public final class GetDatumHandler extends RequestHandler<GetDatumRequest> {
    private final DataRequestContext ctx;
    private final Counter wholeReads;
    private final Counter deltaReads;

    public GetDatumHandler(DataRequestContext ctx, Counter wholeReads, Counter deltaReads) {
        super(GetDatumRequest.class, ctx.executor());
        this.ctx = ctx;
        this.wholeReads = wholeReads;
        this.deltaReads = deltaReads;
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
        DatumRead read = ctx.store().read(dataInfoId, Math.max(0, request.sinceVersion()), slot.leaderEpoch());
        if (!read.isDelta()) {
            wholeReads.inc();
            return new DatumReply(ErrorCode.OK, "", ctx.readable(read.whole(), request.slotId(), slot.leaderEpoch()));
        }
        deltaReads.inc();
        return DatumReply.delta(dataInfoId, read.version(), read.baseVersion(), read.changed(), read.removed(),
                read.publisherCount());
    }

    @Override
    protected Object errorReply(ErrorCode code, String message) {
        return new DatumReply(code, message, null);
    }
}
