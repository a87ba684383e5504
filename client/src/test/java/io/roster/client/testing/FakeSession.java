package io.roster.client.testing;

import com.alipay.remoting.BizContext;
import com.alipay.remoting.Connection;
import com.alipay.remoting.rpc.RpcServer;
import io.roster.common.rpc.BoltServers;
import io.roster.common.rpc.RequestHandler;
import io.roster.common.util.NamedThreads;
import io.roster.common.wire.ErrorCode;
import io.roster.common.wire.PublishRequest;
import io.roster.common.wire.PushAck;
import io.roster.common.wire.PushMessage;
import io.roster.common.wire.RegisterReply;
import io.roster.common.wire.SubscribeRequest;
import io.roster.common.wire.UnpublishRequest;
import io.roster.common.wire.UnsubscribeRequest;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;

/**
 * A stand-in for a session: a real bolt server that records every registration request, answers OK (or
 * INVALID_REQUEST for chosen dataInfoIds), remembers each client's connection and pushes to it on demand.
 */
public final class FakeSession implements AutoCloseable {
    private final RpcServer server;
    private final ExecutorService executor = NamedThreads.pool("fake-session", 2);
    private final List<Object> requests = new CopyOnWriteArrayList<>();
    private final Map<String, Connection> connections = new ConcurrentHashMap<>();
    private final Map<String, PublishRequest> publishers = new ConcurrentHashMap<>();
    private final Map<String, SubscribeRequest> subscribers = new ConcurrentHashMap<>();
    private final Set<String> rejected = ConcurrentHashMap.newKeySet();
    private final Set<String> dropOnce = ConcurrentHashMap.newKeySet();

    private FakeSession(int port) {
        server = BoltServers.create("127.0.0.1", port);
        server.registerUserProcessor(new Handler<>(PublishRequest.class, (ctx, q) -> {
            capture(ctx, q.clientId());
            if (rejected.contains(q.dataInfoId())) {
                return new RegisterReply(ErrorCode.INVALID_REQUEST, "dataInfoId " + q.dataInfoId() + " is not allowed");
            }
            if (dropOnce.remove(q.dataInfoId())) {
                ctx.getConnection().close(); // the client sees its call die with the connection
                return null;
            }
            publishers.put(q.registerId(), q);
            return null;
        }));
        server.registerUserProcessor(new Handler<>(UnpublishRequest.class, (ctx, q) -> {
            capture(ctx, q.clientId());
            publishers.remove(q.registerId());
            return null;
        }));
        server.registerUserProcessor(new Handler<>(SubscribeRequest.class, (ctx, q) -> {
            capture(ctx, q.clientId());
            if (rejected.contains(q.dataInfoId())) {
                return new RegisterReply(ErrorCode.INVALID_REQUEST, "dataInfoId " + q.dataInfoId() + " is not allowed");
            }
            subscribers.put(q.registerId(), q);
            return null;
        }));
        server.registerUserProcessor(new Handler<>(UnsubscribeRequest.class, (ctx, q) -> {
            capture(ctx, q.clientId());
            subscribers.remove(q.registerId());
            return null;
        }));
        BoltServers.start(server, "fake.session.port");
    }

    /** A fake on any free port. */
    public static FakeSession start() {
        return new FakeSession(0);
    }

    /** A fake on {@code port}, e.g. where an earlier one ran. */
    public static FakeSession startOn(int port) {
        return new FakeSession(port);
    }

    public int port() {
        return server.port();
    }

    public String address() {
        return "127.0.0.1:" + port();
    }

    /** Answers INVALID_REQUEST to registrations of {@code dataInfoId} (canonical form). */
    public void reject(String dataInfoId) {
        rejected.add(dataInfoId);
    }

    /** Closes the client's connection instead of answering the next publish of {@code dataInfoId}, without storing it. */
    public void dropConnectionOnNextPublish(String dataInfoId) {
        dropOnce.add(dataInfoId);
    }

    /** Every request received, in order. */
    public List<Object> requests() {
        return List.copyOf(requests);
    }

    public <T> List<T> requests(Class<T> type) {
        return requests.stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** The live publishers by registerId, as last published. */
    public Map<String, PublishRequest> publishers() {
        return Map.copyOf(publishers);
    }

    /** The live subscribers by registerId. */
    public Map<String, SubscribeRequest> subscribers() {
        return Map.copyOf(subscribers);
    }

    /** Pushes to {@code clientId}'s connection and returns the client's ack. */
    public PushAck push(String clientId, String dataInfoId, long version, List<String> subscriberIds, List<byte[]> data) {
        Connection connection = connections.get(clientId);
        if (connection == null) {
            throw new IllegalStateException("client " + clientId + " never called this session");
        }
        try {
            return (PushAck) server.invokeSync(connection, new PushMessage(dataInfoId, version, subscriberIds, data), 3000);
        } catch (Exception e) {
            throw new IllegalStateException("push to " + clientId + " failed: " + e, e);
        }
    }

    private void capture(BizContext context, String clientId) {
        connections.put(clientId, context.getConnection());
    }

    @Override
    public void close() {
        BoltServers.safeShutdown(server);
        NamedThreads.shutdown(executor);
    }

    private interface Body<Q> {
        /** Null means OK. */
        RegisterReply handle(BizContext context, Q request);
    }

    private final class Handler<Q> extends RequestHandler<Q> {
        private final Body<Q> body;

        Handler(Class<Q> type, Body<Q> body) {
            super(type, executor);
            this.body = body;
        }

        @Override
        protected Object handle(BizContext context, Q request) {
            requests.add(request);
            RegisterReply reply = body.handle(context, request);
            return reply == null ? new RegisterReply(ErrorCode.OK, "") : reply;
        }

        @Override
        protected Object errorReply(ErrorCode code, String message) {
            return new RegisterReply(code, message);
        }
    }
}
