package io.roster.datastore;

import com.alipay.remoting.BizContext;
import com.alipay.remoting.rpc.RpcServer;
import io.roster.common.model.NodeInfo;
import io.roster.common.model.Slot;
import io.roster.common.model.SlotTable;
import io.roster.common.rpc.BoltServers;
import io.roster.common.rpc.RequestHandler;
import io.roster.common.util.NamedThreads;
import io.roster.common.wire.ErrorCode;
import io.roster.common.wire.HeartbeatReply;
import io.roster.common.wire.HeartbeatRequest;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A meta stand-in for data-node tests: answers heartbeats with a slot table in which the heartbeating data node
 * leads every slot except those handed to another node (where it may follow), and with a session list the test
 * sets. Keeps the last request, replica states included.
 */
final class FakeMeta implements AutoCloseable {
    static final String OTHER_DATA_NODE = "127.0.0.1:1";
    static final long LEADER_EPOCH = 3;

    private final int slotCount;
    private final ExecutorService executor = NamedThreads.pool("fake-meta", 1);
    private final RpcServer server = BoltServers.create("127.0.0.1", 0);
    private final AtomicInteger heartbeats = new AtomicInteger();
    private volatile long epoch = 1;
    private volatile Set<Integer> ledElsewhere = Set.of();
    private volatile Set<Integer> followed = Set.of();
    private volatile HeartbeatRequest lastRequest;
    private volatile List<NodeInfo> sessions = List.of();
    private volatile SlotTable fixedTable;
    private final java.util.Map<String, NodeInfo> dataNodes = new java.util.concurrent.ConcurrentHashMap<>();

    FakeMeta(int slotCount) {
        this.slotCount = slotCount;
        server.registerUserProcessor(new RequestHandler<>(HeartbeatRequest.class, executor) {
            @Override
            protected Object handle(BizContext context, HeartbeatRequest request) {
                lastRequest = request;
                heartbeats.incrementAndGet();
                dataNodes.put(request.node().address(), request.node());
                SlotTable fixed = fixedTable;
                return fixed != null
                        ? new HeartbeatReply(ErrorCode.OK, "", "", fixed, List.copyOf(dataNodes.values()), sessions)
                        : new HeartbeatReply(ErrorCode.OK, "", "", table(request.node().address()), List.of(request.node()), sessions);
            }

            @Override
            protected Object errorReply(ErrorCode code, String message) {
                return new HeartbeatReply(code, message, "", null, List.of(), List.of());
            }
        });
        BoltServers.start(server, "meta.port");
    }

    private SlotTable table(String dataNode) {
        List<Slot> slots = new ArrayList<>();
        Set<Integer> elsewhere = ledElsewhere;
        Set<Integer> follows = followed;
        for (int i = 0; i < slotCount; i++) {
            slots.add(elsewhere.contains(i)
                    ? new Slot(i, OTHER_DATA_NODE, follows.contains(i) ? List.of(dataNode) : List.of(), LEADER_EPOCH + 1)
                    : new Slot(i, dataNode, List.of(), LEADER_EPOCH));
        }
        return new SlotTable(epoch, slots);
    }

    String address() {
        return "127.0.0.1:" + server.port();
    }

    /** Hands {@code slots} to another data node, in a new table epoch. */
    synchronized void leadElsewhere(Set<Integer> slots) {
        leadElsewhere(slots, Set.of());
    }

    /** Hands {@code slots} to another data node (at leaderEpoch LEADER_EPOCH + 1), the node following {@code followedHere}. */
    synchronized void leadElsewhere(Set<Integer> slots, Set<Integer> followedHere) {
        ledElsewhere = Set.copyOf(slots);
        followed = Set.copyOf(followedHere);
        epoch++;
    }

    /** From now on, answers every data node with {@code table} (for tests of several data nodes). */
    void fixedTable(SlotTable table) {
        fixedTable = table;
    }

    HeartbeatRequest lastRequest() {
        return lastRequest;
    }

    void sessions(NodeInfo... nodes) {
        sessions = List.of(nodes);
    }

    long epoch() {
        return epoch;
    }

    int heartbeats() {
        return heartbeats.get();
    }

    @Override
    public void close() {
        BoltServers.safeShutdown(server);
        NamedThreads.shutdown(executor);
    }
}
