package io.roster.session.rpc;

import com.alipay.remoting.BizContext;
import com.alipay.remoting.Connection;
import io.netty.channel.embedded.EmbeddedChannel;
import io.roster.common.view.ClusterView;
import io.roster.common.model.ProcessId;
import io.roster.common.model.Publisher;
import io.roster.common.model.RegistryLimits;
import com.alipay.remoting.rpc.protocol.UserProcessor;
import io.roster.common.rpc.AsyncRequestHandler;
import io.roster.common.rpc.RequestHandler;
import io.roster.session.routing.AsyncDataWrites;
import io.roster.common.rpc.RpcCaller;
import io.roster.common.slot.SlotFunction;
import io.roster.common.wire.ErrorCode;
import io.roster.common.wire.PublishRequest;
import io.roster.common.wire.RegisterReply;
import io.roster.common.wire.UnpublishRequest;
import io.roster.session.routing.DataRouter;
import io.roster.session.push.PushEngine;
import io.roster.session.registry.ClientRegistry;
import io.roster.session.registry.ConnectionHandle;
import io.roster.session.registry.RegistrationClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.lang.reflect.Proxy;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The client calls when the connection's close is handled in the middle of one. The data side is a router with
 * no slot table and a 1 ms deadline, so every forward fails at once with UNAVAILABLE; reading its view is the
 * moment the forward is in flight, where a test runs the close.
 */
@Timeout(30)
class ClientRequestHandlersTest {
    private static final ProcessId SESSION = new ProcessId("127.0.0.1:1", 1, 1);
    private static final String ID = "svc#@#DEFAULT_INSTANCE_ID#@#DEFAULT_GROUP";

    private final ClientRegistry registry = new ClientRegistry(new SlotFunction(16));
    private final RegistrationClock clock = new RegistrationClock();
    private final Connection boltConnection = new Connection(new EmbeddedChannel());
    private final BoltConnections connections = new BoltConnections();
    private final ConnectionHandle connection = connections.handleOf(boltConnection);
    private final AtomicReference<Runnable> whileForwarding = new AtomicReference<>(() -> { });
    private final AtomicInteger forwards = new AtomicInteger();
    private final List<Publisher> retracted = new CopyOnWriteArrayList<>();
    private final RpcCaller caller = new RpcCaller();
    private final PushEngine pushEngine = new PushEngine(registry, id -> {
        throw new AssertionError("no reads expected");
    }, (c, message) -> {
        throw new AssertionError("no pushes expected");
    }, 10);
    private final AsyncDataWrites writes = new AsyncDataWrites(
            new DataRouter(caller, this::viewWhileForwarding, SESSION, 1, registry::subscriptionSeq), caller.client(), new LongAdder());
    private final List<UserProcessor<?>> handlers = new ClientRequestHandlers(registry, writes, pushEngine,
            RegistryLimits.DEFAULTS, new ClientLimits(100, 100), SESSION, clock, retracted::add, Runnable::run,
            connections).all();

    private ClusterView viewWhileForwarding() {
        forwards.incrementAndGet();
        whileForwarding.getAndSet(() -> { }).run();
        return ClusterView.EMPTY;
    }

    @AfterEach
    void stop() {
        pushEngine.close();
        writes.close();
        caller.close();
    }

    @SuppressWarnings("unchecked")
    private <Q> RegisterReply call(Q request) throws Exception {
        UserProcessor<Q> handler = (UserProcessor<Q>) handlers.stream()
                .filter(h -> h.interest().equals(request.getClass().getName())).findFirst().orElseThrow();
        BizContext context = (BizContext) Proxy.newProxyInstance(BizContext.class.getClassLoader(),
                new Class<?>[]{BizContext.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getConnection" -> boltConnection;
                    case "getRemoteAddress" -> "127.0.0.1:2";
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        if (handler instanceof AsyncRequestHandler<Q> async) {
            CompletableFuture<Object> answer = new CompletableFuture<>();
            async.handleRequest(context, answer::complete, request);
            return (RegisterReply) answer.get(10, TimeUnit.SECONDS);
        }
        return (RegisterReply) ((RequestHandler<Q>) handler).handleRequest(context, request);
    }

    /** Unpublish forwarded; the connection closes and its close is handled; the forward fails; the handler restores. */
    @Test
    void aFailedUnpublishOnAConnectionClosedMeanwhileTakesThePublisherOffDataInsteadOfRestoringIt() throws Exception {
        registry.attach(connection, "c", clock.tick());
        Publisher p = new Publisher("p", ID, "c", "app", "", List.of(new byte[]{1}), 1, clock.tick(), SESSION);
        registry.putPublisher(p, connection);
        whileForwarding.set(() -> registry.detach(connection));

        RegisterReply reply = call(new UnpublishRequest("c", "p", ID));

        assertThat(reply.code()).isEqualTo(ErrorCode.UNAVAILABLE);
        assertThat(registry.hasPublisher("p")).as("held by a connection no close event will clean: a ghost").isFalse();
        assertThat(retracted).as("data may still hold it").containsExactly(p);
    }

    /** A client reusing another client's registerId is told so, and the publish goes nowhere. */
    @Test
    void aPublishReusingAnotherClientsRegisterIdIsRefused() throws Exception {
        ConnectionHandle owner = ConnectionHandle.alwaysOpen("owner");
        Publisher theirs = new Publisher("p", ID, "other", "app", "", List.of(new byte[]{1}), 1, clock.tick(), SESSION);
        registry.putPublisher(theirs, owner);

        RegisterReply reply = call(new PublishRequest("c", "app", "p", ID, List.of(new byte[]{2}), 2, ""));

        assertThat(reply.code()).isEqualTo(ErrorCode.INVALID_REQUEST);
        assertThat(reply.message()).contains("registerId p ");
        assertThat(registry.holds(theirs)).isTrue();
        assertThat(forwards).as("nothing forwarded to data").hasValue(0);
    }

    /** A publish whose handling starts after its connection's close was handled (bolt may still call it fine). */
    @Test
    void aPublishOverAConnectionWhoseCloseWasHandledIsRefusedAndLeavesNoRecord() throws Exception {
        registry.detach(connection);

        RegisterReply reply = call(new PublishRequest("c", "app", "p", ID, List.of(new byte[]{1}), 1, ""));

        assertThat(reply.code()).isEqualTo(ErrorCode.UNAVAILABLE);
        assertThat(reply.message()).contains("closing");
        assertThat(registry.connectionCount()).as("a record no close event will remove, counted against max-clients").isZero();
        assertThat(registry.hasPublisher("p")).isFalse();
        assertThat(forwards).as("nothing forwarded to data").hasValue(0);
    }
}
