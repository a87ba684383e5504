package io.roster.session.push;

import com.codahale.metrics.MetricRegistry;
import io.roster.common.model.Datum;
import io.roster.common.model.ProcessId;
import io.roster.common.model.Publisher;
import io.roster.common.slot.SlotFunction;
import io.roster.common.wire.ClientHello;
import io.roster.common.wire.PushMessage;
import io.roster.session.registry.ClientRegistry;
import io.roster.session.registry.ConnectionHandle;
import io.roster.session.registry.SubscriberRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The engine with delta pushes: deltas to capable connections, and the full list when a client refuses a delta. */
@Timeout(30)
class PushEngineDeltaTest {
    private static final String ID = "svc#@#DEFAULT_INSTANCE_ID#@#DEFAULT_GROUP";
    private final ClientRegistry registry = new ClientRegistry(new SlotFunction(16));
    private final AtomicReference<Datum> current = new AtomicReference<>(Datum.absent(ID));
    private final List<PushMessage> sent = new CopyOnWriteArrayList<>();
    private final AtomicBoolean refuseDeltas = new AtomicBoolean();
    private final MetricRegistry metrics = new MetricRegistry();
    private PushEngine engine;

    @AfterEach
    void stop() {
        if (engine != null) {
            engine.close();
        }
    }

    private PushEngine engine() {
        PushSender sender = new PushSender() {
            @Override
            public CompletableFuture<Boolean> send(ConnectionHandle connection, PushMessage message) {
                throw new AssertionError("the engine asks for outcomes");
            }

            @Override
            public CompletableFuture<PushOutcome> sendForOutcome(ConnectionHandle connection, PushMessage message) {
                sent.add(message);
                return CompletableFuture.completedFuture(message.isDelta() && refuseDeltas.get()
                        ? PushOutcome.WANTS_FULL_LIST : PushOutcome.ACKED);
            }
        };
        engine = new PushEngine(registry, id -> current.get(), sender, new PushOptions(0, 0, 256), new PushMetrics(metrics));
        return engine;
    }

    private static Datum datum(long version, String... items) {
        return new Datum(ID, version, java.util.Arrays.stream(items).map(i -> new Publisher("r-" + i, ID, "c", "app", "",
                List.of(i.getBytes(StandardCharsets.UTF_8)), 1, i.hashCode(), new ProcessId("s:1", 1, 1))).toList());
    }

    private SubscriberRecord subscribe(String registerId, boolean deltaCapable) {
        ConnectionHandle c = ConnectionHandle.alwaysOpen(registerId);
        if (deltaCapable) {
            c.capabilities(List.of(ClientHello.PUSH_DELTA));
        }
        SubscriberRecord s = new SubscriberRecord(registerId, ID, "client-" + registerId, c);
        registry.addSubscriber(s);
        return s;
    }

    private List<PushMessage> sentTo(String registerId) {
        return sent.stream().filter(m -> m.subscriberIds().contains(registerId)).toList();
    }

    @Test
    void aCapableClientGetsDeltasAfterItsFirstFullListAndAnOlderOneFullListsOnly() {
        PushEngine e = engine();
        current.set(datum(1, "a", "b"));
        SubscriberRecord capable = subscribe("new", true);
        SubscriberRecord older = subscribe("old", false);
        e.pushCurrent(capable);
        e.pushCurrent(older);
        await().until(() -> capable.pushedVersion() == 1 && older.pushedVersion() == 1);

        current.set(datum(2, "a", "c"));
        e.onChange(ID);
        await().until(() -> capable.pushedVersion() == 2 && older.pushedVersion() == 2);

        assertThat(sentTo("new")).extracting(PushMessage::isDelta).containsExactly(false, true);
        PushMessage delta = sentTo("new").get(1);
        assertThat(delta.baseVersion()).isEqualTo(1);
        assertThat(delta.entries()).extracting(en -> en.key()).containsExactly("r-c");
        assertThat(delta.removedKeys()).containsExactly("r-b");
        assertThat(sentTo("old")).allSatisfy(m -> assertThat(m.isKeyed()).isFalse());
        assertThat(metrics.counter("session.push.delta").getCount()).isEqualTo(1);
        assertThat(metrics.counter("session.push.full").getCount()).isEqualTo(3);
        assertThat(metrics.counter("session.push.bytes").getCount()).isEqualTo(sent.stream().mapToLong(PushMessage::payloadBytes).sum());
    }

    @Test
    void aDeltaTheClientRefusesForItsBaseIsFollowedAtOnceByTheFullList() {
        PushEngine e = engine();
        current.set(datum(1, "a"));
        SubscriberRecord s = subscribe("new", true);
        e.pushCurrent(s);
        await().until(() -> s.pushedVersion() == 1);

        refuseDeltas.set(true);
        current.set(datum(2, "a", "b"));
        e.onChange(ID);
        await().until(() -> s.pushedVersion() == 2);

        List<PushMessage> pushes = sentTo("new");
        assertThat(pushes).hasSize(3);
        assertThat(pushes.get(1).isDelta()).isTrue();
        assertThat(pushes.get(2).isDelta()).isFalse();
        assertThat(pushes.get(2).isKeyed()).isTrue();
        assertThat(pushes.get(2).entries()).extracting(en -> en.key()).containsExactly("r-a", "r-b");
        assertThat(metrics.counter("session.push.failed").getCount()).as("a refused base is no failure").isZero();
        assertThat(metrics.counter("session.push.retried").getCount()).isZero();
    }

    @Test
    void aRoundOnADeltaReadPushesThatDeltaWithoutLookingAtTheOtherPublishers() {
        List<Publisher> many = new java.util.ArrayList<>(datum(1, java.util.stream.IntStream.range(0, 5000)
                .mapToObj(i -> "p" + i).toArray(String[]::new)).publishers());
        many.sort(DeltaDatumReader.ORDER);
        Datum v1 = new Datum(ID, 1, List.copyOf(many));
        Publisher changed = new Publisher("r-p42", ID, "c", "app", "", List.of("p42'".getBytes(StandardCharsets.UTF_8)), 2,
                "p42".hashCode(), new ProcessId("s:1", 1, 1));
        many.replaceAll(p -> p.registerId().equals("r-p42") ? changed : p);
        Datum v2 = new Datum(ID, 2, List.copyOf(many));
        current.set(v1);
        DeltaDatumReader reader = new DeltaDatumReader((id, since) -> since == 1 && current.get() == v2
                ? io.roster.common.wire.DatumReply.delta(ID, 2, 1, List.of(changed), List.of(), 5000)
                : new io.roster.common.wire.DatumReply(io.roster.common.wire.ErrorCode.OK, "", current.get()), id -> true);
        engine = new PushEngine(registry, reader, new PushSender() {
            @Override
            public CompletableFuture<Boolean> send(ConnectionHandle connection, PushMessage message) {
                throw new AssertionError("the engine asks for outcomes");
            }

            @Override
            public CompletableFuture<PushOutcome> sendForOutcome(ConnectionHandle connection, PushMessage message) {
                sent.add(message);
                return CompletableFuture.completedFuture(PushOutcome.ACKED);
            }
        }, new PushOptions(0, 0, 256), new PushMetrics(metrics));
        SubscriberRecord s = subscribe("new", true);
        engine.pushCurrent(s);
        await().until(() -> s.pushedVersion() == 1);

        current.set(v2);
        engine.onChange(ID);
        await().until(() -> s.pushedVersion() == 2);

        PushMessage delta = sentTo("new").get(1);
        assertThat(delta.isDelta()).isTrue();
        assertThat(delta.entries()).extracting(en -> en.key()).containsExactly("r-p42");
        assertThat(reader.deltasApplied()).isEqualTo(1);
        assertThat(engine.publishersDiffed()).as("the read delta is the push delta").isEqualTo(1);
    }
}
