package io.roster.datastore.rpc;

import com.alipay.remoting.BizContext;
import io.roster.common.model.Datum;
import io.roster.common.model.InvalidInputException;
import io.roster.common.rpc.RequestHandler;
import io.roster.common.wire.DatumDigest;
import io.roster.common.wire.DatumVersionsQuery;
import io.roster.common.wire.DatumVersionsReply;
import io.roster.common.wire.ErrorCode;
import io.roster.datastore.slot.SlotAssignment;
import io.roster.datastore.slot.SlotCheck;

import java.util.ArrayList;
import java.util.List;

/**
 * A session's periodic version check (its repair of lost change notices): each datum asked that this node serves
 * now and whose version is above what the session says it pushed. Datums of slots it does not lead in ACCEPT are
 * left out of the answer. A datum this node does not hold has the version a read gives it
 * ({@link DataRequestContext#readable}), so reads and version checks agree. The query also declares the session's
 * interest in every datum it lists, including those of slots still migrating here, so that their notices reach it
 * once they are in ACCEPT.
 */
public final class DatumVersionsHandler extends RequestHandler<DatumVersionsQuery> {
    static final int MAX_DATUMS = 10_000;
    private final DataRequestContext ctx;

    public DatumVersionsHandler(DataRequestContext ctx) {
        super(DatumVersionsQuery.class, ctx.executor());
        this.ctx = ctx;
    }

    @Override
    protected Object handle(BizContext context, DatumVersionsQuery query) {
        if (query.dataInfoIds().size() > MAX_DATUMS) {
            throw new InvalidInputException("at most " + MAX_DATUMS + " datums per version query, got " + query.dataInfoIds().size());
        }
        List<String> checked = query.dataInfoIds().stream().map(ctx.checks()::dataInfoId).toList();
        if (query.interestedSession() != null) {
            ctx.checks().sessionProcessId(query.interestedSession());
            ctx.sessions().interests().declareAll(query.interestedSession(), checked, query.interestSeq());
        }
        SlotAssignment current = ctx.assignment().get();
        if (!current.usable().ok()) {
            return errorReply(current.usable().code(), current.usable().message());
        }
        List<DatumDigest> out = new ArrayList<>();
        for (int i = 0; i < checked.size(); i++) {
            String dataInfoId = checked.get(i);
            int slotId = ctx.checks().slotOf(dataInfoId);
            SlotCheck slot = ctx.servableSlot(current, slotId);
            if (slot.ok()) {
                Datum d = ctx.readable(ctx.store().get(dataInfoId), slotId, slot.leaderEpoch());
                if (d.version() > query.pushedVersion(i)) {
                    out.add(new DatumDigest(dataInfoId, d.version(), d.publishers().size()));
                }
            }
        }
        return new DatumVersionsReply(ErrorCode.OK, "", out);
    }

    @Override
    protected Object errorReply(ErrorCode code, String message) {
        return new DatumVersionsReply(code, message, List.of());
    }
}
