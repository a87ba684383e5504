package io.roster.session.rpc;

import com.alipay.remoting.Connection;
import com.alipay.remoting.ConnectionEventType;
import com.alipay.remoting.rpc.RpcServer;
import io.roster.common.view.ClusterView;
import io.roster.common.model.ProcessId;
import io.roster.common.model.Publisher;
import io.roster.common.model.RegistryLimits;
import io.roster.common.rpc.BoltServers;
import com.alipay.remoting.rpc.protocol.UserProcessor;
import io.roster.session.routing.AsyncDataWrites;
import io.roster.common.rpc.RpcCaller;
import io.roster.common.slot.SlotFunction;
import io.roster.common.util.NamedThreads;
import io.roster.common.wire.RegisterReply;
import io.roster.common.wire.UnpublishRequest;
import io.roster.common.wire.UnsubscribeRequest;
import io.roster.session.routing.DataRouter;
import io.roster.session.push.PushEngine;
import io.roster.session.registry.ClientRegistry;
import io.roster.session.registry.RegistrationClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 12's ghost over real bolt sockets: an unpublish is being forwarded when its client's connection closes and
 * the session handles that close (as SessionServer does, with detach); then the forward fails. The data side is a
 * router with no slot table and a 1 ms deadline, so the forward fails at once; reading its view is the moment the
 * forward is in flight, where the test closes the connection and waits for the close to be handled.
 */
@Timeout(30)
class ConnectionClosedDuringUnpublishTest {
    private static final ProcessId SESSION = new ProcessId("127.0.0.1:1", 1, 1);
    private static final String ID = "svc#@#DEFAULT_INSTANCE_ID#@#DEFAULT_GROUP";

    private final ClientRegistry registry = new ClientRegistry(new SlotFunction(16));
    private final RegistrationClock clock = new RegistrationClock();
    private final List<Publisher> retracted = new CopyOnWriteArrayList<>();
    private final AtomicReference<Runnable> whileForwarding = new AtomicReference<>(() -> { });
    private final AtomicReference<Connection> serverSide = new AtomicReference<>();
    private final AtomicBoolean closeHandled = new AtomicBoolean();
    private final AtomicInteger handled = new AtomicInteger();
    private final ExecutorService pool = NamedThreads.pool("test-client-handlers", 2);
    private final RpcCaller dataCaller = new RpcCaller();
    private final RpcCaller client = new RpcCaller();
    private final PushEngine pushEngine = new PushEngine(registry, id -> {
        throw new AssertionError("no reads expected");
    }, (c, message) -> {
        throw new AssertionError("no pushes expected");
    }, 10);
    private final BoltConnections connections = new BoltConnections();
    private final RpcServer server = BoltServers.create("127.0.0.1", 0);
    private AsyncDataWrites closeLater;

    @AfterEach
    void stop() {
        client.close();
        BoltServers.safeShutdown(server);
        pushEngine.close();
        if (closeLater != null) {
            closeLater.close();
        }
        dataCaller.close();
        NamedThreads.shutdown(pool);
    }

    private ClusterView viewWhileForwarding() {
        whileForwarding.getAndSet(() -> { }).run();
        return ClusterView.EMPTY;
    }

    @Test
    void aPublisherWhoseUnpublishFailedAfterItsConnectionClosedIsNotLeftBehind() {
        DataRouter router = new DataRouter(dataCaller, this::viewWhileForwarding, SESSION, 1, registry::subscriptionSeq);
        AsyncDataWrites writes = new AsyncDataWrites(router, dataCaller.client(), new LongAdder());
        closeLater = writes;
        for (UserProcessor<?> h : new ClientRequestHandlers(registry, writes, pushEngine, RegistryLimits.DEFAULTS,
                new ClientLimits(100, 100), SESSION, clock, retracted::add, task -> pool.execute(() -> {
                    task.run();
                    handled.incrementAndGet();
                }), connections).all()) {
            server.registerUserProcessor(h);
        }
        server.addConnectionEventProcessor(ConnectionEventType.CONNECT, (address, connection) -> serverSide.set(connection));
        server.addConnectionEventProcessor(ConnectionEventType.CLOSE, (address, connection) -> {
            registry.detach(connections.closed(connection));
            closeHandled.set(true);
        });
        BoltServers.start(server, "session.port");
        String address = "127.0.0.1:" + server.port();

        // Any call opens the connection; then the client's publisher, registered over it.
        client.call(address, new UnsubscribeRequest("c", "none", ID), RegisterReply.class, 3000);
        Connection connection = serverSide.get();
        registry.attach(connections.handleOf(connection), "c", clock.tick());
        Publisher p = new Publisher("p", ID, "c", "app", "", List.of(new byte[]{1}), 1, clock.tick(), SESSION);
        registry.putPublisher(p, connections.handleOf(connection));
        whileForwarding.set(() -> {
            connection.close();
            await().untilTrue(closeHandled);
        });

        client.oneway(address, new UnpublishRequest("c", "p", ID));
        await().until(() -> handled.get() == 2);

        assertThat(registry.hasPublisher("p")).as("held by a connection no close event will clean: a ghost").isFalse();
        assertThat(registry.connectionCount()).isZero();
        assertThat(retracted).as("data may still hold it").containsExactly(p);
    }
}
