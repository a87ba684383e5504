package io.roster.datastore;

import com.alipay.remoting.BizContext;
import com.alipay.remoting.rpc.RpcClient;
import com.alipay.remoting.rpc.protocol.SyncUserProcessor;
import io.roster.common.model.NodeInfo;
import io.roster.common.model.NodeRole;
import io.roster.common.model.ProcessId;
import io.roster.common.rpc.RpcCaller;
import io.roster.common.wire.DataChangeNotice;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A session stand-in: calls a data node and records the change notices it is sent. */
final class FakeSession implements AutoCloseable {
    private final ProcessId processId;
    private final RpcCaller caller;
    private final List<DataChangeNotice> notices = new CopyOnWriteArrayList<>();

    FakeSession(int fakePort) {
        processId = new ProcessId("127.0.0.1:" + fakePort, System.currentTimeMillis(), ProcessHandle.current().pid());
        RpcClient client = new RpcClient();
        client.registerUserProcessor(new SyncUserProcessor<DataChangeNotice>() {
            @Override
            public Object handleRequest(BizContext context, DataChangeNotice notice) {
                notices.add(notice);
                return null;
            }

            @Override
            public String interest() {
                return DataChangeNotice.class.getName();
            }
        });
        caller = new RpcCaller(client);
    }

    <R> R call(String address, Object request, Class<R> replyType) {
        return caller.call(address, request, replyType, 3000);
    }

    boolean noticed(String dataInfoId, long version) {
        return notices.stream().anyMatch(n -> n.dataInfoId().equals(dataInfoId) && n.version() == version);
    }

    List<DataChangeNotice> notices() {
        return notices;
    }

    ProcessId processId() {
        return processId;
    }

    NodeInfo node() {
        return new NodeInfo(NodeRole.SESSION, processId.address(), processId);
    }

    @Override
    public void close() {
        caller.close();
    }
}
