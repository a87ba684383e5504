package io.roster.client.testing;

import com.alipay.remoting.BizContext;
import com.alipay.remoting.Connection;
import com.alipay.remoting.ConnectionEventType;
import com.alipay.remoting.rpc.protocol.SyncUserProcessor;
import io.roster.common.app.AppIds;
import io.roster.common.app.AppInstance;
import io.roster.common.app.Revision;
import io.roster.common.wire.ClientHello;
import io.roster.common.wire.ErrorCode;
import io.roster.common.wire.PublishRequest;
import io.roster.common.wire.PushAck;
import io.roster.common.wire.PushMessage;
import io.roster.common.wire.RegisterReply;
import io.roster.common.wire.RevisionQuery;
import io.roster.common.wire.RevisionRegistration;
import io.roster.common.wire.RevisionReply;
import io.roster.common.wire.SessionPing;
import io.roster.common.wire.SimpleReply;
import io.roster.common.wire.SubscribeRequest;
import io.roster.common.wire.UnpublishRequest;
import io.roster.common.wire.UnsubscribeRequest;
import io.roster.testkit.bolt.FakeBoltPeer;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;


/**
 * A stand-in for a session: a real bolt server that records every registration request, answers OK (or the error
 * code chosen for a request type and dataInfoId), remembers each client's connection and pushes to it on demand.
 */
public final class FakeSession extends FakeBoltPeer {
    private final Map<String, Connection> connections = new ConcurrentHashMap<>();
    private final Map<String, PublishRequest> publishers = new ConcurrentHashMap<>();
    private final Map<String, SubscribeRequest> subscribers = new ConcurrentHashMap<>();
    private final Map<String, ErrorCode> failures = new ConcurrentHashMap<>();
    /** Failures that answer only the next so many requests, then let them through. */
    private final Map<String, AtomicInteger> failuresLeft = new ConcurrentHashMap<>();
    private final Set<String> dropOnce = ConcurrentHashMap.newKeySet();
    private final Set<String> stallOnce = ConcurrentHashMap.newKeySet();
    private final CountDownLatch stalled = new CountDownLatch(1);
    private final CountDownLatch pingGate = new CountDownLatch(1);
    private final AtomicInteger pings = new AtomicInteger();
    private final List<Runnable> onClose = new CopyOnWriteArrayList<>();
    private volatile boolean pingsStalled;
    /** The revisions this session knows, as a session's catalog: registered here or told by the test. */
    private final Map<String, Revision> revisions = new ConcurrentHashMap<>();
    private final AtomicInteger revisionFailuresLeft = new AtomicInteger();

    private FakeSession(int port) {
        this(port, true);
    }

    private FakeSession(int port, boolean knowsPings) {
        this(port, knowsPings, false);
    }

    private FakeSession(int port, boolean knowsPings, boolean knowsHello) {
        super("fake-session", port, 2);
        if (knowsHello) {
            handle(ClientHello.class, (BizContext ctx, ClientHello q) -> {
                capture(ctx, q.clientId());
                return new SimpleReply(ErrorCode.OK, "");
            }, SimpleReply::new);
        }
        registration(PublishRequest.class, (ctx, q) -> {
            capture(ctx, q.clientId());
            RegisterReply failure = failure(PublishRequest.class, q.dataInfoId());
            if (failure != null) {
                return failure;
            }
            RegisterReply unknownRevision = unknownRevision(q);
            if (unknownRevision != null) {
                return unknownRevision;
            }
            if (dropOnce.remove(q.dataInfoId())) {
                ctx.getConnection().close(); // the client sees its call die with the connection
                return null;
            }
            if (stallOnce.remove(q.dataInfoId())) {
                awaitQuietly(stalled); // the client gives up waiting first; this late answer goes nowhere
                return null;
            }
            publishers.put(q.registerId(), q);
            return null;
        });
        registration(UnpublishRequest.class, (ctx, q) -> {
            capture(ctx, q.clientId());
            RegisterReply failure = failure(UnpublishRequest.class, q.dataInfoId());
            if (failure != null) {
                return failure;
            }
            publishers.remove(q.registerId());
            return null;
        });
        registration(SubscribeRequest.class, (ctx, q) -> {
            capture(ctx, q.clientId());
            RegisterReply failure = failure(SubscribeRequest.class, q.dataInfoId());
            if (failure != null) {
                return failure;
            }
            subscribers.put(q.registerId(), q);
            return null;
        });
        registration(UnsubscribeRequest.class, (ctx, q) -> {
            capture(ctx, q.clientId());
            RegisterReply failure = failure(UnsubscribeRequest.class, q.dataInfoId());
            if (failure != null) {
                return failure;
            }
            subscribers.remove(q.registerId());
            return null;
        });
        handle(RevisionRegistration.class, (BizContext ctx, RevisionRegistration q) -> {
            if (revisionFailuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                return new SimpleReply(ErrorCode.UNAVAILABLE, "fake: meta unreachable");
            }
            revisions.put(q.revision().digest(), q.revision());
            return new SimpleReply(ErrorCode.OK, "");
        }, SimpleReply::new);
        handle(RevisionQuery.class, (BizContext ctx, RevisionQuery q) -> new RevisionReply(ErrorCode.OK, "",
                q.digests().stream().map(revisions::get).filter(Objects::nonNull).toList()),
                (code, message) -> new RevisionReply(code, message, List.of()));
        if (knowsPings) {
            register(pingProcessor());
        }
        server().addConnectionEventProcessor(ConnectionEventType.CLOSE, (remote, connection) -> onClose.forEach(Runnable::run));
        listen();
    }

    /** As a session does: an application instance whose revision it does not know is refused. */
    private RegisterReply unknownRevision(PublishRequest q) {
        if (!AppIds.isAppDatum(q.dataInfoId())) {
            return null;
        }
        for (byte[] item : q.data()) {
            String digest = AppInstance.decode(item).revision();
            if (!revisions.containsKey(digest)) {
                return new RegisterReply(ErrorCode.INVALID_REQUEST, "revision " + digest + " is not registered: register it first");
            }
        }
        return null;
    }

    /** This session knows {@code revision} from now on, as if another client had registered it. */
    public void knowRevision(Revision revision) {
        revisions.put(revision.digest(), revision);
    }

    /** This session no longer knows {@code digest}, as after meta collected it. */
    public void forgetRevision(String digest) {
        revisions.remove(digest);
    }

    /** The revisions this session knows, by digest. */
    public Map<String, Revision> revisions() {
        return Map.copyOf(revisions);
    }

    /** Answers UNAVAILABLE (meta unreachable) to the next {@code times} revision registrations. */
    public void failNextRevisionRegistrations(int times) {
        revisionFailuresLeft.set(times);
    }

    /** A recorded registration request; {@code body} returns null for OK, else the error reply. */
    private <Q> void registration(Class<Q> type, BiFunction<BizContext, Q, RegisterReply> body) {
        handle(type, (BizContext ctx, Q q) -> {
            RegisterReply reply = body.apply(ctx, q);
            return reply == null ? new RegisterReply(ErrorCode.OK, "") : reply;
        }, RegisterReply::new);
    }

    /** A fake whose server has no processor for liveness pings: bolt answers them with an error. */
    public static FakeSession startWithoutPings() {
        return new FakeSession(0, false);
    }

    private SyncUserProcessor<SessionPing> pingProcessor() {
        return new SyncUserProcessor<SessionPing>() {
            @Override
            public Object handleRequest(BizContext context, SessionPing ping) {
                pings.incrementAndGet();
                if (pingsStalled) {
                    awaitQuietly(pingGate); // silence, as from a stopped process
                }
                return new SimpleReply(ErrorCode.OK, "");
            }

            @Override
            public String interest() {
                return SessionPing.class.getName();
            }

            @Override
            public Executor getExecutor() {
                return executor();
            }
        };
    }

    /**
     * A fake that answers {@link ClientHello}s (recording them), as a session with delta push does; the others
     * answer them with an error, as an older session does.
     */
    public static FakeSession startKnowingHello() {
        return new FakeSession(0, true, true);
    }

    /** A fake on any free port. */
    public static FakeSession start() {
        return new FakeSession(0);
    }

    /** A fake on {@code port}, e.g. where an earlier one ran (its {@link #close()} waited until the port was free). */
    public static FakeSession startOn(int port) {
        return new FakeSession(port);
    }

    /** Answers INVALID_REQUEST to publishes and subscribes of {@code dataInfoId} (canonical form). */
    public void reject(String dataInfoId) {
        failWith(PublishRequest.class, dataInfoId, ErrorCode.INVALID_REQUEST);
        failWith(SubscribeRequest.class, dataInfoId, ErrorCode.INVALID_REQUEST);
    }

    /** Answers {@code code}, without applying it, to every {@code requestType} of {@code dataInfoId} until {@link #stopFailing}. */
    public void failWith(Class<?> requestType, String dataInfoId, ErrorCode code) {
        failures.put(key(requestType, dataInfoId), code);
    }

    public void stopFailing(Class<?> requestType, String dataInfoId) {
        failures.remove(key(requestType, dataInfoId));
    }

    /** Answers {@code code} to the next {@code times} {@code requestType}s of {@code dataInfoId}, then applies them. */
    public void failNext(Class<?> requestType, String dataInfoId, ErrorCode code, int times) {
        failuresLeft.put(key(requestType, dataInfoId), new AtomicInteger(times));
        failWith(requestType, dataInfoId, code);
    }

    /** Closes the client's connection instead of answering the next publish of {@code dataInfoId}, without storing it. */
    public void dropConnectionOnNextPublish(String dataInfoId) {
        dropOnce.add(dataInfoId);
    }

    /** Holds the answer to the next publish of {@code dataInfoId} until this fake closes, without storing it. */
    public void stallNextPublish(String dataInfoId) {
        stallOnce.add(dataInfoId);
    }

    /** From now on liveness pings get no answer (until close): the session looks stopped to its clients. */
    public void stallPings() {
        pingsStalled = true;
    }

    public int pings() {
        return pings.get();
    }

    /** Runs {@code action} whenever a client connection to this session closes. */
    public void onConnectionClosed(Runnable action) {
        onClose.add(action);
    }

    /** Every registration request received, in order. */
    public List<Object> requests() {
        return received();
    }

    public <T> List<T> requests(Class<T> type) {
        return received(type);
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
            return (PushAck) server().invokeSync(connection, new PushMessage(dataInfoId, version, subscriberIds, data), 3000);
        } catch (Exception e) {
            throw new IllegalStateException("push to " + clientId + " failed: " + e, e);
        }
    }

    /** Sends {@code push} as it is (e.g. keyed, or a delta) to {@code clientId}'s connection; returns the client's ack. */
    public PushAck push(String clientId, PushMessage push) {
        Connection connection = connections.get(clientId);
        if (connection == null) {
            throw new IllegalStateException("client " + clientId + " never called this session");
        }
        try {
            return (PushAck) server().invokeSync(connection, push, 3000);
        } catch (Exception e) {
            throw new IllegalStateException("push to " + clientId + " failed: " + e, e);
        }
    }

    private void capture(BizContext context, String clientId) {
        connections.put(clientId, context.getConnection());
    }

    private RegisterReply failure(Class<?> requestType, String dataInfoId) {
        String key = key(requestType, dataInfoId);
        ErrorCode code = failures.get(key);
        if (code == null) {
            return null;
        }
        AtomicInteger left = failuresLeft.get(key);
        if (left != null && left.getAndDecrement() <= 0) {
            failures.remove(key);
            failuresLeft.remove(key);
            return null;
        }
        return new RegisterReply(code, code == ErrorCode.INVALID_REQUEST ? "dataInfoId " + dataInfoId + " is not allowed"
                : "fake " + code + " for " + dataInfoId);
    }

    private static String key(Class<?> requestType, String dataInfoId) {
        return requestType.getSimpleName() + " " + dataInfoId;
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Releases held answers, stops, and waits until the port is free again, so a fake can restart on it at once. */
    @Override
    public void close() {
        super.close();
        awaitPortReleased();
    }

    @Override
    protected void beforeClose() {
        stalled.countDown();
        pingGate.countDown();
    }
}
