package io.roster.session.rpc;

import com.alipay.remoting.BizContext;
import com.codahale.metrics.Counter;
import io.roster.common.rpc.RequestHandler;
import io.roster.common.wire.ErrorCode;
import io.roster.common.wire.DataChangeNotice;
import io.roster.session.push.PushEngine;

import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;

/** Receives the data nodes' oneway change notices on the session's outbound connections. */
public final class ChangeNoticeProcessor extends RequestHandler<DataChangeNotice> {
    private final PushEngine pushEngine;
    private final BooleanSupplier dropping;
    private final Counter received;

    /**
     * @param dropping a test hook: while true, notices are dropped as if lost on the way
     * @param received counts every notice that arrived (session.notices.received on /metrics)
     */
    public ChangeNoticeProcessor(PushEngine pushEngine, Executor executor, BooleanSupplier dropping, Counter received) {
        super(DataChangeNotice.class, executor);
        this.received = received;
        this.pushEngine = pushEngine;
        this.dropping = dropping;
    }

    @Override
    protected Object handle(BizContext context, DataChangeNotice notice) {
        received.inc();
        if (!dropping.getAsBoolean()) {
            pushEngine.onChange(notice.dataInfoId());
        }
        return null;
    }

    /** A notice is oneway: nothing goes back, even when handling it failed (that is logged). */
    @Override
    protected Object errorReply(ErrorCode code, String message) {
        return null;
    }
}
