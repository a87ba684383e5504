package io.roster.datastore.rpc;

import com.alipay.remoting.BizContext;
import io.roster.common.model.InvalidInputException;
import io.roster.common.rpc.RequestHandler;
import io.roster.common.wire.ErrorCode;
import io.roster.common.wire.InterestWithdrawal;
import io.roster.common.wire.SimpleReply;

import java.util.List;

/** A session has no subscribers of these datums any more: it stops getting their change notices from this node. */
public final class InterestWithdrawalHandler extends RequestHandler<InterestWithdrawal> {
    static final int MAX_DATUMS = 10_000;
    private final DataRequestContext ctx;

    public InterestWithdrawalHandler(DataRequestContext ctx) {
        super(InterestWithdrawal.class, ctx.executor());
        this.ctx = ctx;
    }

    @Override
    protected Object handle(BizContext context, InterestWithdrawal request) {
        ctx.checks().sessionProcessId(request.sessionProcessId());
        if (request.dataInfoIds().size() > MAX_DATUMS) {
            throw new InvalidInputException("at most " + MAX_DATUMS + " datums per interest withdrawal, got "
                    + request.dataInfoIds().size());
        }
        List<String> ids = request.dataInfoIds().stream().map(ctx.checks()::dataInfoId).toList();
        ctx.sessions().interests().withdraw(request.sessionProcessId(), ids, request.interestSeq());
        return new SimpleReply(ErrorCode.OK, "");
    }

    @Override
    protected Object errorReply(ErrorCode code, String message) {
        return new SimpleReply(code, message);
    }
}
