package io.roster.session.rpc;

import com.alipay.remoting.BizContext;
import com.alipay.remoting.rpc.protocol.SyncUserProcessor;
import io.roster.common.wire.DataChangeNotice;
import io.roster.session.push.PushEngine;

import java.util.concurrent.Executor;

/** Receives the data nodes' oneway change notices on the session's outbound connections. */
public final class ChangeNoticeProcessor extends SyncUserProcessor<DataChangeNotice> {
    private final PushEngine pushEngine;
    private final Executor executor;

    public ChangeNoticeProcessor(PushEngine pushEngine, Executor executor) {
        this.pushEngine = pushEngine;
        this.executor = executor;
    }

    @Override
    public Object handleRequest(BizContext context, DataChangeNotice notice) {
        pushEngine.onChange(notice.dataInfoId());
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
