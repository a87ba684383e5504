package io.roster.session.rpc;

import com.alipay.remoting.BizContext;
import com.alipay.remoting.rpc.protocol.SyncUserProcessor;
import com.codahale.metrics.Counter;
import io.roster.common.wire.DataChangeNotice;
import io.roster.session.push.PushEngine;

import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;

/** Receives the data nodes' oneway change notices on the session's outbound connections. */
public final class ChangeNoticeProcessor extends SyncUserProcessor<DataChangeNotice> {
    private final PushEngine pushEngine;
    private final Executor executor;
    private final BooleanSupplier dropping;
    private final Counter received;

    /**
     * @param dropping a test hook: while true, notices are dropped as if lost on the way
     * @param received counts every notice that arrived (session.notices.received on /metrics)
     */
    public ChangeNoticeProcessor(PushEngine pushEngine, Executor executor, BooleanSupplier dropping, Counter received) {
        this.received = received;
        this.pushEngine = pushEngine;
        this.executor = executor;
        this.dropping = dropping;
    }

    @Override
    public Object handleRequest(BizContext context, DataChangeNotice notice) {
        received.inc();
        if (!dropping.getAsBoolean()) {
            pushEngine.onChange(notice.dataInfoId());
        }
        return null;
    }

    @Override
    public String interest() {
        return DataChangeNotice.class.getName();
    }

    @Override
    public Executor getExecutor() {
        return executor;
    }
}
