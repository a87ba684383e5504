package io.roster.session.routing;

import com.alipay.remoting.BizContext;
import com.alipay.remoting.rpc.RpcServer;
import io.roster.common.model.NodeInfo;
import io.roster.common.model.NodeRole;
import io.roster.common.model.ProcessId;
import io.roster.common.model.Publisher;
import io.roster.common.model.SlotTable;
import io.roster.common.model.Switches;
import io.roster.common.rpc.BoltServers;
import io.roster.common.rpc.RequestHandler;
import io.roster.common.rpc.RpcCaller;
import io.roster.common.slot.SlotFunction;
import io.roster.common.util.NamedThreads;
import io.roster.common.view.ClusterView;
import io.roster.common.wire.ClientOffWrite;
import io.roster.common.wire.ErrorCode;
import io.roster.common.wire.WriteReply;
import io.roster.session.registry.ClientRegistry;
import io.roster.session.registry.ConnectionHandle;
import io.roster.session.registry.RegistrationClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A closed connection's client-off, over a real bolt port to a data node stand-in that fails on purpose. */
@Timeout(30)
class DataRemovalsTest {
    private static final ProcessId SESSION = new ProcessId("127.0.0.1:1", 1, 1);
    private static final String ID = "svc#@#DEFAULT_INSTANCE_ID#@#DEFAULT_GROUP";

    private final ExecutorService executor = NamedThreads.pool("fake-data", 2);
    private final RpcServer data = BoltServers.create("127.0.0.1", 0);
    private final List<ClientOffWrite> clientOffs = new CopyOnWriteArrayList<>();
    private final AtomicInteger failuresLeft = new AtomicInteger();
    private final RpcCaller caller = new RpcCaller();
    private final ClientRegistry registry = new ClientRegistry(new SlotFunction(16));
    private final RegistrationClock clock = new RegistrationClock();
    private DataRemovals removals;

    @AfterEach
    void stop() {
        if (removals != null) {
            removals.close();
        }
        caller.close();
        BoltServers.safeShutdown(data);
        NamedThreads.shutdown(executor);
    }

    private DataRemovals start() {
        data.registerUserProcessor(new RequestHandler<>(ClientOffWrite.class, executor) {
            @Override
            protected Object handle(BizContext context, ClientOffWrite write) {
                clientOffs.add(write);
                if (failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                    return errorReply(ErrorCode.UNAVAILABLE, "failing on purpose");
                }
                return new WriteReply(ErrorCode.OK, "", 0);
            }

            @Override
            protected Object errorReply(ErrorCode code, String message) {
                return new WriteReply(code, message, 0);
            }
        });
        BoltServers.start(data, "data.port");
        ClusterView view = new ClusterView(SlotTable.EMPTY,
                List.of(new NodeInfo(NodeRole.DATA, "127.0.0.1:" + data.port(), new ProcessId("127.0.0.1:2", 1, 1))),
                List.of(), Switches.DEFAULTS, 1);
        removals = new DataRemovals(registry, clock, new DataRouter(caller, () -> view, SESSION, 3000, registry::subscriptionSeq));
        return removals;
    }

    @Test
    void aClosedConnectionsClientOffIsRetriedWithBackoffUntilDataTakesIt() {
        DataRemovals r = start();
        ConnectionHandle connection = ConnectionHandle.alwaysOpen("client");
        long stamp = clock.tick();
        registry.attach(connection, "c", stamp);
        registry.putPublisher(new Publisher("p", ID, "c", "app", "", List.of(new byte[]{1}), 1, stamp, SESSION), connection);
        failuresLeft.set(2);

        long start = System.nanoTime();
        r.connectionClosed(connection);

        await().until(() -> clientOffs.size() == 3);
        long tookMs = (System.nanoTime() - start) / 1_000_000;
        assertThat(registry.hasPublisher("p")).as("removed here at once").isFalse();
        assertThat(clientOffs).extracting(ClientOffWrite::clientId).containsOnly("c");
        assertThat(clientOffs).extracting(ClientOffWrite::registeredBefore).containsOnly(stamp);
        assertThat(tookMs).as("waited 200 then 400 ms between the tries").isGreaterThanOrEqualTo(600);
    }

    @Test
    void aConnectionWithoutRegistrationsSendsNoClientOff() {
        DataRemovals r = start();
        r.connectionClosed(ConnectionHandle.alwaysOpen("idle"));
        assertThat(clientOffs).isEmpty();
    }
}
