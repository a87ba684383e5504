package io.roster.session.failover;

import com.alipay.remoting.BizContext;
import com.alipay.remoting.rpc.RpcServer;
import io.roster.common.model.NodeInfo;
import io.roster.common.model.NodeRole;
import io.roster.common.model.ProcessId;
import io.roster.common.model.Slot;
import io.roster.common.model.SlotTable;
import io.roster.common.rpc.BoltServers;
import io.roster.common.rpc.RequestHandler;
import io.roster.common.util.NamedThreads;
import io.roster.common.wire.ErrorCode;
import io.roster.common.wire.HeartbeatReply;
import io.roster.common.wire.HeartbeatRequest;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.stream.IntStream;

/**
 * A meta leader stand-in on a real bolt port: answers every heartbeat with the slot table the test set last, as
 * meta does after it replaced a dead slot leader.
 */
final class FakeMeta implements AutoCloseable {
    private final RpcServer server = BoltServers.create("127.0.0.1", 0);
    private final ExecutorService executor = NamedThreads.pool("fake-meta", 1);
    private final List<NodeInfo> dataNodes;
    private volatile SlotTable table = SlotTable.EMPTY;

    FakeMeta(List<String> dataAddresses) {
        this.dataNodes = dataAddresses.stream().map(a -> new NodeInfo(NodeRole.DATA, a, new ProcessId(a, 1, 1))).toList();
        server.registerUserProcessor(new RequestHandler<>(HeartbeatRequest.class, executor) {
            @Override
            protected Object handle(BizContext context, HeartbeatRequest request) {
                return new HeartbeatReply(ErrorCode.OK, "", "", table, dataNodes, List.of());
            }

            @Override
            protected Object errorReply(ErrorCode code, String message) {
                return new HeartbeatReply(code, message, "", null, List.of(), List.of());
            }
        });
        BoltServers.start(server, "meta.port");
    }

    String address() {
        return "127.0.0.1:" + server.port();
    }

    /** From now on every slot of a {@code slots}-slot table at {@code epoch} is led by {@code leader}. */
    void allSlotsLedBy(String leader, int slots, long epoch) {
        table = new SlotTable(epoch, IntStream.range(0, slots).mapToObj(i -> new Slot(i, leader, List.of(), epoch)).toList());
    }

    @Override
    public void close() {
        BoltServers.safeShutdown(server);
        NamedThreads.shutdown(executor);
    }
}
