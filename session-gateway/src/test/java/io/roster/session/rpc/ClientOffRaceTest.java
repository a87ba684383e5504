package io.roster.session.rpc;

import com.alipay.remoting.BizContext;
import com.alipay.remoting.Connection;
import com.alipay.remoting.rpc.protocol.UserProcessor;
import io.netty.channel.embedded.EmbeddedChannel;
import io.roster.common.lever.IncidentLevers;
import io.roster.common.lever.Lever;
import io.roster.common.model.Datum;
import io.roster.common.model.ProcessId;
import io.roster.common.model.Publisher;
import io.roster.common.model.RegistryLimits;
import io.roster.common.rpc.AsyncRequestHandler;
import io.roster.common.rpc.RequestHandler;
import io.roster.common.rpc.RpcCaller;
import io.roster.common.slot.SlotFunction;
import io.roster.common.view.ClusterView;
import io.roster.common.wire.ErrorCode;
import io.roster.common.wire.PublishRequest;
import io.roster.common.wire.RegisterReply;
import io.roster.common.wire.SubscribeRequest;
import io.roster.common.wire.UnpublishRequest;
import io.roster.common.wire.WriteReply;
import io.roster.session.lever.PushStopFile;
import io.roster.session.lever.SessionLevers;
import io.roster.session.push.PushEngine;
import io.roster.session.registry.ClientRegistry;
import io.roster.session.registry.RegistrationClock;
import io.roster.session.routing.AsyncDataWrites;
import io.roster.session.routing.DataRouter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.lang.reflect.Proxy;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantReadWriteLock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Client-off racing a publish over the same connection, driven step by step: the lever arrives while the publish is
 * being stored. A publish stored before the lever's sweep is swept (taken off data as removed at the sweep's tick, so
 * data also refuses its write still on the way); a publish after it is held here, off, and never sent to data.
 * Blacklists refuse with REFUSED naming the lever. The data side is a router with no slot table (every write fails
 * at once); what the levers take off data and write back is recorded instead.
 */
@Timeout(30)
class ClientOffRaceTest {
    private static final ProcessId SESSION = new ProcessId("127.0.0.1:1", 1, 1);
    private static final String ID = "svc#@#DEFAULT_INSTANCE_ID#@#DEFAULT_GROUP";
    private static final IncidentLevers OFF = IncidentLevers.NONE.with(Lever.CLIENT_OFF, "10.0.0.5", true, 7);

    @TempDir
    Path dir;

    private final AtomicReference<Runnable> whileStoring = new AtomicReference<>(() -> { });
    private final List<Publisher> stored = new CopyOnWriteArrayList<>();
    private final ClientRegistry registry = new ClientRegistry(new SlotFunction(16), (old, neu) -> {
        if (neu != null && neu != old) {
            stored.add(neu);
        }
        whileStoring.getAndSet(() -> { }).run();
    });
    private final RegistrationClock clock = new RegistrationClock();
    private final Connection boltConnection = new Connection(new EmbeddedChannel() {
        @Override
        public SocketAddress remoteAddress() {
            return new InetSocketAddress("10.0.0.5", 4000);
        }
    });
    private final BoltConnections connections = new BoltConnections();
    private final AtomicInteger forwards = new AtomicInteger();
    private final RpcCaller caller = new RpcCaller();
    private final PushEngine pushEngine = new PushEngine(registry, id -> new Datum(id, 1, List.of()),
            (c, message) -> CompletableFuture.completedFuture(true), 10);
    private final AtomicReference<Runnable> whileForwarding = new AtomicReference<>(() -> { });
    private final AsyncDataWrites writes = new AsyncDataWrites(new DataRouter(caller, () -> {
        forwards.incrementAndGet();
        whileForwarding.getAndSet(() -> { }).run();
        return ClusterView.EMPTY;
    }, SESSION, 1, registry::subscriptionSeq), caller.client(), new LongAdder());
    /** registerId -> the tick data was told it was removed at. */
    private final Map<String, Long> takenOff = new ConcurrentHashMap<>();
    private final List<Publisher> writtenBack = new CopyOnWriteArrayList<>();
    private SessionLevers levers;
    private List<UserProcessor<?>> handlers;

    private SessionLevers levers() {
        if (levers == null) {
            levers = new SessionLevers(registry, clock, (p, at) -> takenOff.put(p.registerId(), at), p -> {
                writtenBack.add(p);
                return CompletableFuture.completedFuture(new WriteReply(ErrorCode.OK, "", 1));
            }, pushEngine, new PushStopFile(dir));
            handlers = new ClientRequestHandlers(registry, writes, pushEngine, RegistryLimits.DEFAULTS,
                    new ClientLimits(100, 100), SESSION, clock, p -> { }, Runnable::run, connections, null, levers).all();
        }
        return levers;
    }

    @AfterEach
    void stop() {
        pushEngine.close();
        writes.close();
        caller.close();
    }

    @SuppressWarnings("unchecked")
    private <Q> RegisterReply call(Q request) throws Exception {
        levers();
        UserProcessor<Q> handler = (UserProcessor<Q>) handlers.stream()
                .filter(h -> h.interest().equals(request.getClass().getName())).findFirst().orElseThrow();
        BizContext context = (BizContext) Proxy.newProxyInstance(BizContext.class.getClassLoader(),
                new Class<?>[]{BizContext.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getConnection" -> boltConnection;
                    case "getRemoteAddress" -> "10.0.0.5:4000";
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        if (handler instanceof AsyncRequestHandler<Q> async) {
            CompletableFuture<Object> answer = new CompletableFuture<>();
            async.handleRequest(context, answer::complete, request);
            return (RegisterReply) answer.get(10, TimeUnit.SECONDS);
        }
        return (RegisterReply) ((RequestHandler<Q>) handler).handleRequest(context, request);
    }

    @Test
    void aPublishStoredAsTheLeverArrivesIsSweptAndOneAfterItIsHeld() throws Exception {
        Thread flip = new Thread(() -> levers().apply(OFF), "lever-flip");
        // The lever arrives while the publish is being stored, after it found the connection not off.
        whileStoring.set(() -> {
            flip.start();
            // Parked on the registration clock's fence (not merely waiting for a class to load), or done without it.
            await().atMost(5, TimeUnit.SECONDS).until(() -> !flip.isAlive() || parkedOnTheFence(flip));
        });

        // Its write (which fails: no slot table here) starts only once the lever is in, as a slow data node would.
        whileForwarding.set(() -> {
            try {
                flip.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        call(new PublishRequest("c", "app", "before", ID, List.of(new byte[]{1}), 1, ""));
        flip.join(5_000);

        Publisher before = stored.stream().filter(p -> p.registerId().equals("before")).findFirst().orElseThrow();
        assertThat(takenOff).as("stored before the sweep: taken off data as removed after it registered, so data also"
                + " refuses its write still on the way").containsKey("before");
        assertThat(takenOff.get("before")).isGreaterThan(before.registerTimestamp());

        int forwardsBefore = forwards.get();
        RegisterReply after = call(new PublishRequest("c", "app", "after", ID, List.of(new byte[]{2}), 1, ""));
        assertThat(after.code()).isEqualTo(ErrorCode.OK);
        assertThat(registry.off().isOff("after")).as("held here, off").isTrue();
        assertThat(registry.bySlot().in(new SlotFunction(16).slotOf(ID))).as("left out of digests and slot syncs").isEmpty();
        assertThat(forwards).as("never sent to data").hasValue(forwardsBefore);

        levers().apply(IncidentLevers.NONE.with(Lever.CLIENT_OFF, "10.0.0.9", true, 8)); // client-on for 10.0.0.5
        assertThat(registry.off().isOff("after")).isFalse();
        assertThat(writtenBack).singleElement().satisfies(p -> {
            assertThat(p.registerId()).isEqualTo("after");
            assertThat(p.registerTimestamp()).as("registered anew after the removal, so data takes it")
                    .isGreaterThan(takenOff.getOrDefault("after", 0L));
        });
        assertThat(registry.bySlot().in(new SlotFunction(16).slotOf(ID))).extracting(Publisher::registerId).containsExactly("after");
    }

    /** Puts {@code registerId} into the registry over the test's connection, as a publish that data took. */
    private void registered(String registerId) {
        levers();
        registry.attach(connections.handleOf(boltConnection), "c", clock.tick());
        registry.putPublisher(new Publisher(registerId, ID, "c", "app", "", List.of(new byte[]{1}), 1, clock.tick(), SESSION),
                connections.handleOf(boltConnection));
    }

    @Test
    void aFailedUnpublishOfAPublisherHeldOffPutsItBackOffNotOnData() throws Exception {
        registered("p");
        levers().apply(OFF);
        assertThat(registry.off().isOff("p")).isTrue();
        takenOff.clear();

        RegisterReply unpublish = call(new UnpublishRequest("c", "p", ID)); // data fails it (no slot table here)

        assertThat(unpublish.code()).as(unpublish.message()).isEqualTo(ErrorCode.UNAVAILABLE);
        assertThat(registry.hasPublisher("p")).as("the removal failed: the publisher stays").isTrue();
        assertThat(registry.off().isOff("p")).as("still held off by client-off").isTrue();
        assertThat(registry.bySlot().in(new SlotFunction(16).slotOf(ID))).as("so no digest round syncs it to data").isEmpty();
        assertThat(takenOff).as("data may hold it after the failed removal: taken off there").containsKey("p");
    }

    @Test
    void aFailedUnpublishDoesNotBringBackAPublisherBlacklistedMeanwhile() throws Exception {
        registered("p");
        // The blacklist arrives while the unpublish is on its way to data.
        whileForwarding.set(() -> levers().apply(IncidentLevers.NONE.with(Lever.BLACKLIST_IP, "10.0.0.5", true, 9)));

        RegisterReply unpublish = call(new UnpublishRequest("c", "p", ID));

        assertThat(registry.hasPublisher("p")).as("blacklisted: not put back (" + unpublish.message() + ")").isFalse();
        assertThat(registry.bySlot().in(new SlotFunction(16).slotOf(ID))).isEmpty();
        assertThat(takenOff).as("data may hold it after the failed removal: taken off there").containsKey("p");
    }

    private static boolean parkedOnTheFence(Thread t) {
        Object blocker = LockSupport.getBlocker(t);
        return t.getState() == Thread.State.WAITING && blocker != null
                && blocker.getClass().getName().startsWith(ReentrantReadWriteLock.class.getName());
    }

    @Test
    void blacklistsRefuseNamingTheLeverAndDropWhatIsRegistered() throws Exception {
        levers();
        assertThat(call(new SubscribeRequest("c", "app", "s1", ID, "")).code()).isEqualTo(ErrorCode.OK);
        call(new PublishRequest("c", "app", "p1", ID, List.of(new byte[]{1}), 1, "")); // fails at data (no table): gone
        registry.attach(connections.handleOf(boltConnection), "c", clock.tick());
        registry.putPublisher(new Publisher("p2", ID, "c", "app", "", List.of(new byte[]{1}), 1, clock.tick(), SESSION),
                connections.handleOf(boltConnection));

        levers().apply(IncidentLevers.NONE.with(Lever.BLACKLIST_IP, "10.0.0.5", true, 9));

        assertThat(registry.hasPublisher("p2")).isFalse();
        assertThat(takenOff).containsKey("p2");
        assertThat(registry.hasSubscriber("s1")).as("no further pushes").isFalse();
        RegisterReply publish = call(new PublishRequest("c", "app", "p3", ID, List.of(new byte[]{1}), 1, ""));
        assertThat(publish.code()).isEqualTo(ErrorCode.REFUSED);
        assertThat(publish.message()).isEqualTo("blacklisted by the operator: blacklist-ip 10.0.0.5");
        RegisterReply subscribe = call(new SubscribeRequest("c", "app", "s2", ID, ""));
        assertThat(subscribe.code()).isEqualTo(ErrorCode.REFUSED);
        assertThat(registry.hasPublisher("p3")).isFalse();

        levers().apply(IncidentLevers.NONE.with(Lever.BLACKLIST_DATAID, "sv*", true, 10));
        assertThat(call(new SubscribeRequest("c", "app", "s3", ID, "")).message())
                .isEqualTo("blacklisted by the operator: blacklist-dataid sv*");
        levers().apply(IncidentLevers.NONE);
        assertThat(call(new SubscribeRequest("c", "app", "s4", ID, "")).code()).isEqualTo(ErrorCode.OK);
    }
}
