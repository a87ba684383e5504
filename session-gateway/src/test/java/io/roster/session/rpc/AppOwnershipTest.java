package io.roster.session.rpc;

import com.alipay.remoting.BizContext;
import com.alipay.remoting.Connection;
import com.alipay.remoting.rpc.protocol.UserProcessor;
import io.netty.channel.embedded.EmbeddedChannel;
import io.roster.common.acl.AclAction;
import io.roster.common.acl.AclRule;
import io.roster.common.acl.ClientAcl;
import io.roster.common.acl.Tokens;
import io.roster.common.model.Datum;
import io.roster.common.model.ProcessId;
import io.roster.common.model.Publisher;
import io.roster.common.model.RegistryLimits;
import io.roster.common.rpc.AsyncRequestHandler;
import io.roster.common.rpc.RpcCaller;
import io.roster.common.slot.SlotFunction;
import io.roster.common.view.ClusterView;
import io.roster.common.wire.ErrorCode;
import io.roster.common.wire.PublishRequest;
import io.roster.common.wire.RegisterReply;
import io.roster.common.wire.SubscribeRequest;
import io.roster.common.wire.UnpublishRequest;
import io.roster.common.wire.UnsubscribeRequest;
import io.roster.session.auth.ClientAccess;
import io.roster.session.push.PushEngine;
import io.roster.session.registry.ClientRegistry;
import io.roster.session.registry.ConnectionHandle;
import io.roster.session.registry.RegistrationClock;
import io.roster.session.routing.AsyncDataWrites;
import io.roster.session.routing.DataRouter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.lang.reflect.Proxy;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With security.client-auth on, a registration belongs to the app whose connection made it: another app that learnt
 * its clientId and registerId cannot unpublish, unsubscribe or replace it (FORBIDDEN), while the owning app's own
 * replay over a new connection still replaces it. The data side is a router with no slot table (every write fails at
 * once), so A's registrations are put into the registry directly, as publishes data took.
 */
@Timeout(30)
class AppOwnershipTest {
    private static final ProcessId SESSION = new ProcessId("127.0.0.1:1", 1, 1);
    private static final String ID = "svc#@#DEFAULT_INSTANCE_ID#@#DEFAULT_GROUP";
    private static final ClientAcl ACL = ClientAcl.NONE.withToken("a", Tokens.hash("token-a"), 1)
            .withToken("b", Tokens.hash("token-b"), 2)
            .withRule(new AclRule("a", AclAction.PUBLISH, "*"), true, 3).withRule(new AclRule("a", AclAction.SUBSCRIBE, "*"), true, 4)
            .withRule(new AclRule("b", AclAction.PUBLISH, "*"), true, 5).withRule(new AclRule("b", AclAction.SUBSCRIBE, "*"), true, 6);

    private final ClientRegistry registry = new ClientRegistry(new SlotFunction(16));
    private final RegistrationClock clock = new RegistrationClock();
    private final BoltConnections connections = new BoltConnections();
    private final RpcCaller caller = new RpcCaller();
    private final PushEngine pushEngine = new PushEngine(registry, id -> new Datum(id, 1, List.of()),
            (c, message) -> CompletableFuture.completedFuture(true), 10);
    private final AsyncDataWrites writes = new AsyncDataWrites(new DataRouter(caller, () -> ClusterView.EMPTY, SESSION, 1,
            registry::subscriptionSeq), caller.client(), new LongAdder());
    private final List<UserProcessor<?>> handlers = new ClientRequestHandlers(registry, writes, pushEngine,
            RegistryLimits.DEFAULTS, new ClientLimits(100, 100), SESSION, clock, p -> { }, Runnable::run, connections,
            null, null, new ClientAccess(true, () -> ACL)).all();
    private final Connection a = connection("a", "token-a");
    private final Connection b = connection("b", "token-b");
    private Publisher published;

    @AfterEach
    void stop() {
        pushEngine.close();
        writes.close();
        caller.close();
    }

    private Connection connection(String app, String token) {
        Connection c = new Connection(new EmbeddedChannel());
        connections.handleOf(c).credentials(app, Tokens.hash(token));
        return c;
    }

    @SuppressWarnings("unchecked")
    private <Q> RegisterReply call(Connection over, Q request) throws Exception {
        AsyncRequestHandler<Q> handler = (AsyncRequestHandler<Q>) handlers.stream()
                .filter(h -> h.interest().equals(request.getClass().getName())).findFirst().orElseThrow();
        BizContext context = (BizContext) Proxy.newProxyInstance(BizContext.class.getClassLoader(),
                new Class<?>[]{BizContext.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getConnection" -> over;
                    case "getRemoteAddress" -> "127.0.0.1:4000";
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        CompletableFuture<Object> answer = new CompletableFuture<>();
        handler.handleRequest(context, answer::complete, request);
        return (RegisterReply) answer.get(10, TimeUnit.SECONDS);
    }

    /** A's publisher "p" and subscriber "s" (clientId "ca"), registered over A's connection. */
    private void aRegistered() throws Exception {
        ConnectionHandle handle = connections.handleOf(a);
        registry.attach(handle, "ca", clock.tick());
        published = new Publisher("p", ID, "ca", "app-a", "", List.of(new byte[]{1}), 1, clock.tick(), SESSION);
        registry.putPublisher(published, handle);
        assertThat(call(a, new SubscribeRequest("ca", "app-a", "s", ID, "")).code()).isEqualTo(ErrorCode.OK);
    }

    @Test
    void anotherAppCannotUnpublishOrUnsubscribeWhatAnAppRegistered() throws Exception {
        aRegistered();

        RegisterReply unpublish = call(b, new UnpublishRequest("ca", "p", ID));
        assertThat(unpublish.code()).as(unpublish.message()).isEqualTo(ErrorCode.FORBIDDEN);
        assertThat(unpublish.message()).contains("app 'b'").contains("app 'a'");
        RegisterReply unsubscribe = call(b, new UnsubscribeRequest("ca", "s", ID));
        assertThat(unsubscribe.code()).as(unsubscribe.message()).isEqualTo(ErrorCode.FORBIDDEN);

        assertThat(registry.publisherEntries()).singleElement().satisfies(e -> {
            assertThat(e.publisher()).isSameAs(published);
            assertThat(e.connection()).isSameAs(connections.handleOf(a));
        });
        assertThat(registry.isSubscribed(registry.subscribersOf(ID).iterator().next())).isTrue();
        assertThat(registry.subscribers()).singleElement().satisfies(s -> assertThat(s.connection()).isSameAs(connections.handleOf(a)));
    }

    @Test
    void anotherAppCannotReplaceWhatAnAppRegisteredButTheAppsOwnReplayOnANewConnectionCan() throws Exception {
        aRegistered();

        RegisterReply hijack = call(b, new PublishRequest("ca", "app-b", "p", ID, List.of(new byte[]{6}), 2, ""));
        assertThat(hijack.code()).as(hijack.message()).isEqualTo(ErrorCode.FORBIDDEN);
        RegisterReply hijackSub = call(b, new SubscribeRequest("ca", "app-b", "s", ID, ""));
        assertThat(hijackSub.code()).as(hijackSub.message()).isEqualTo(ErrorCode.FORBIDDEN);
        assertThat(registry.publisherEntries()).singleElement().satisfies(e -> assertThat(e.publisher()).isSameAs(published));
        assertThat(registry.subscribers()).singleElement().satisfies(s -> assertThat(s.connection()).isSameAs(connections.handleOf(a)));

        // A reconnects (a new connection, the same app) and replays: its own registrations are replaced.
        Connection a2 = connection("a", "token-a");
        assertThat(call(a2, new SubscribeRequest("ca", "app-a", "s", ID, "")).code()).isEqualTo(ErrorCode.OK);
        assertThat(registry.subscribers()).singleElement().satisfies(s -> assertThat(s.connection()).isSameAs(connections.handleOf(a2)));
        RegisterReply unpublish = call(a2, new UnpublishRequest("ca", "p", ID));
        assertThat(unpublish.code()).as("allowed; data fails it here: " + unpublish.message()).isNotEqualTo(ErrorCode.FORBIDDEN);
    }
}
