package io.roster.session.push;

import io.roster.common.model.Datum;
import io.roster.common.model.ProcessId;
import io.roster.common.model.Publisher;
import io.roster.common.wire.PushMessage;
import io.roster.common.slot.SlotFunction;
import io.roster.session.registry.ClientRegistry;
import io.roster.session.registry.ConnectionHandle;
import io.roster.session.registry.SubscriberRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The shell around the push plan, with its real threads and timers (the rules themselves are tabled in
 * {@link PushPlanTest}): debounce and retry wake-ups fire, sends do not wait for acks, marks and pauses land on the
 * records, large data is deflated once per round.
 */
@Timeout(30)
class PushEngineTest {
    private static final String ID = "svc#@#DEFAULT_INSTANCE_ID#@#DEFAULT_GROUP";
    private final ClientRegistry registry = new ClientRegistry(new SlotFunction(16));
    private final AtomicReference<Datum> current = new AtomicReference<>(Datum.absent(ID));
    private final AtomicInteger reads = new AtomicInteger();
    private final AtomicInteger readsToFail = new AtomicInteger();
    private final List<PushMessage> sent = new CopyOnWriteArrayList<>();
    private final AtomicInteger sendsToFail = new AtomicInteger();
    private final java.util.Set<ConnectionHandle> stalled = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final List<CompletableFuture<Boolean>> stalledPushes = new CopyOnWriteArrayList<>();
    private PushEngine engine;

    private PushEngine engine(long debounceMs) {
        engine = new PushEngine(registry, id -> {
            reads.incrementAndGet();
            if (readsToFail.getAndDecrement() > 0) {
                throw new IllegalStateException("slot not ready"); // a data outage, not the client's fault
            }
            return id.equals(ID) ? current.get() : new Datum(id, 4, List.of(new Publisher("r-small", id, "c", "app", "",
                    List.of("10.0.0.1:12200".getBytes(StandardCharsets.UTF_8)), 1, 1, new ProcessId("s:1", 1, 1))));
        }, (connection, message) -> {
            sent.add(message);
            if (stalled.contains(connection)) {
                CompletableFuture<Boolean> never = new CompletableFuture<>();
                stalledPushes.add(never);
                return never;
            }
            return CompletableFuture.completedFuture(sendsToFail.getAndDecrement() <= 0);
        }, debounceMs);
        return engine;
    }

    @AfterEach
    void stop() {
        if (engine != null) {
            engine.close();
        }
    }

    private static Datum datum(long version, String... items) {
        List<Publisher> pubs = java.util.Arrays.stream(items).map(i -> new Publisher("r-" + i, ID, "c", "app", "",
                List.of(i.getBytes(StandardCharsets.UTF_8)), 1, 1, new ProcessId("s:1", 1, 1))).toList();
        return new Datum(ID, version, pubs);
    }

    private SubscriberRecord subscribe(String registerId) {
        SubscriberRecord s = new SubscriberRecord(registerId, ID, "client-" + registerId, ConnectionHandle.alwaysOpen(registerId));
        registry.addSubscriber(s);
        return s;
    }

    @Test
    void aBurstOfNoticesMergesIntoFewPushesCarryingTheLastData() {
        PushEngine e = engine(50);
        subscribe("a");
        for (int i = 1; i <= 100; i++) {
            current.set(datum(i, "10.0.0.1:" + i));
            e.onChange(ID);
        }
        await().until(() -> !sent.isEmpty() && sent.get(sent.size() - 1).version() == 100);
        assertThat(sent.size()).isLessThan(10);
        assertThat(new String(sent.get(sent.size() - 1).data().get(0), StandardCharsets.UTF_8)).isEqualTo("10.0.0.1:100");
    }

    @Test
    void subscribersOfOneClientShareOnePushAndFailedPushesAreRetried() {
        PushEngine e = engine(0);
        ConnectionHandle shared = ConnectionHandle.alwaysOpen("shared");
        SubscriberRecord a = new SubscriberRecord("a", ID, "c", shared);
        SubscriberRecord b = new SubscriberRecord("b", ID, "c", shared);
        registry.addSubscriber(a);
        registry.addSubscriber(b);
        sendsToFail.set(2);
        current.set(datum(7, "x"));
        e.onChange(ID);
        await().atMost(Duration.ofSeconds(5)).until(() -> a.pushedVersion() == 7 && b.pushedVersion() == 7);
        assertThat(sent).hasSize(3);
        assertThat(sent).allSatisfy(m -> assertThat(m.subscriberIds()).containsExactlyInAnyOrder("a", "b"));
    }

    @Test
    void aSubscriberWhosePushesKeepFailingIsPausedInsteadOfRetriedForever() {
        PushEngine e = engine(0);
        SubscriberRecord s = subscribe("a");
        sendsToFail.set(Integer.MAX_VALUE);
        current.set(datum(5, "x"));

        e.onChange(ID);

        await().until(() -> s.paused(engine.nowMillis()));
        int attempts = sent.size();
        int readsBefore = reads.get();
        current.set(datum(6, "y"));
        e.onChange(ID);
        await().until(() -> reads.get() > readsBefore);
        assertThat(sent).as("no push to a paused subscriber").hasSize(attempts);
        assertThat(s.paused(engine.nowMillis() + 31_000)).as("for a while only").isFalse();
    }

    @Test
    void failedReadsOfTheDatumAreRetriedAndNeverPauseTheSubscriber() {
        PushEngine e = engine(0);
        SubscriberRecord s = subscribe("a");
        current.set(datum(5, "x"));
        readsToFail.set(5); // more failed reads than a client may fail pushes before it is paused

        e.onChange(ID);

        await().atMost(Duration.ofSeconds(8)).until(() -> s.pushedVersion() == 5);
        assertThat(reads.get()).as("five failed reads, then the one that pushed").isEqualTo(6);
        assertThat(s.paused(engine.nowMillis())).as("a data outage pauses no subscriber").isFalse();
        assertThat(sent).extracting(PushMessage::version).containsExactly(5L);
    }

    @Test
    void aClientThatDoesNotAckDelaysNobodyElseAndThenGetsTheLatestNotTheBacklog() {
        PushEngine e = engine(0);
        SubscriberRecord slow = subscribe("slow");
        SubscriberRecord fast = subscribe("fast");
        stalled.add(slow.connection());

        current.set(datum(5, "a"));
        e.onChange(ID);
        await().until(() -> fast.pushedVersion() == 5);
        current.set(datum(6, "b"));
        e.onChange(ID);
        await().until(() -> fast.pushedVersion() == 6);
        current.set(datum(7, "c"));
        e.onChange(ID);
        await().until(() -> fast.pushedVersion() == 7);
        assertThat(stalledPushes).as("one push in flight to the slow client, nothing queued behind it").hasSize(1);
        assertThat(slow.pushedVersion()).isEqualTo(-1);

        stalled.clear();
        stalledPushes.get(0).complete(true);     // the slow client acks v5 at last

        await().until(() -> slow.pushedVersion() == 7);
        assertThat(sent.stream().filter(m -> m.subscriberIds().contains("slow")).map(PushMessage::version).toList())
                .as("versions pushed to the slow client").containsExactly(5L, 7L);
    }


    @Test
    void largeDataIsPushedDeflatedOnceAndSmallDataPlain() {
        PushEngine e = engine(0);
        String small = "small#@#DEFAULT_INSTANCE_ID#@#DEFAULT_GROUP";
        ConnectionHandle client = ConnectionHandle.alwaysOpen("client");
        registry.addSubscriber(new SubscriberRecord("big1", ID, "c", client));
        registry.addSubscriber(new SubscriberRecord("big2", ID, "c2", ConnectionHandle.alwaysOpen("client2")));
        registry.addSubscriber(new SubscriberRecord("small", small, "c", client));
        List<String> addresses = java.util.stream.IntStream.range(0, 1000)
                .mapToObj(i -> "10.0.0." + i + ":12200?weight=100&zone=a").toList();
        current.set(datum(3, addresses.toArray(String[]::new)));
        e.onChange(ID);
        await().until(() -> sent.size() == 2);
        assertThat(sent).allSatisfy(m -> assertThat(m.isDeflated()).isTrue());
        assertThat(sent.get(0).payloadBytes()).isLessThan(addresses.stream()
                .mapToLong(a -> a.getBytes(StandardCharsets.UTF_8).length).sum() / 3);
        assertThat(sent.get(0).inflated(1 << 20).data()).extracting(b -> new String(b, StandardCharsets.UTF_8))
                .containsExactlyInAnyOrderElementsOf(addresses);

        e.onChange(small);
        await().until(() -> sent.size() == 3);
        assertThat(sent.get(2).isDeflated()).isFalse();
        assertThat(sent.get(2).inflated(1 << 20)).isSameAs(sent.get(2));
    }

    @Test
    void whileThePushSwitchIsOffNothingIsPushedAndTheLatestGoesWhenItIsOnAgain() {
        PushEngine e = engine(0);
        SubscriberRecord s = subscribe("a");
        e.switchFlipped(false);
        current.set(datum(5, "x"));
        e.onChange(ID);
        await().until(() -> e.heldCount() == 1);
        current.set(datum(6, "y"));
        e.switchFlipped(true);
        await().until(() -> s.pushedVersion() == 6);
        assertThat(sent).extracting(PushMessage::version).containsExactly(6L);
    }
}
