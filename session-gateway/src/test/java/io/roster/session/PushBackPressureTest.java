package io.roster.session;

import com.alipay.remoting.Connection;
import com.codahale.metrics.MetricRegistry;
import io.netty.channel.embedded.EmbeddedChannel;
import io.roster.common.model.Datum;
import io.roster.common.model.ProcessId;
import io.roster.common.model.Publisher;
import io.roster.common.slot.SlotFunction;
import io.roster.common.wire.PushMessage;
import io.roster.session.push.PushEngine;
import io.roster.session.push.PushMetrics;
import io.roster.session.push.PushOptions;
import io.roster.session.registry.ClientRegistry;
import io.roster.session.registry.SubscriberRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The push engine's options: the cap on pushes awaiting one client's ack, and deflating large data. */
@Timeout(30)
class PushBackPressureTest {
    private final ClientRegistry registry = new ClientRegistry(new SlotFunction(16));
    private final Map<String, Datum> data = new ConcurrentHashMap<>();
    private final List<PushMessage> sent = new CopyOnWriteArrayList<>();
    private final List<CompletableFuture<Boolean>> unacked = new CopyOnWriteArrayList<>();
    private volatile boolean ackAtOnce = true;
    private PushEngine engine;

    private PushEngine engine(PushOptions options) {
        return engine(options, PushMetrics.discarded());
    }

    private PushEngine engine(PushOptions options, PushMetrics metrics) {
        engine = new PushEngine(registry, id -> data.getOrDefault(id, Datum.absent(id)), (connection, message) -> {
            sent.add(message);
            if (ackAtOnce) {
                return CompletableFuture.completedFuture(true);
            }
            CompletableFuture<Boolean> ack = new CompletableFuture<>();
            unacked.add(ack);
            return ack;
        }, options, () -> true, metrics);
        return engine;
    }

    @AfterEach
    void stop() {
        if (engine != null) {
            engine.close();
        }
    }

    private static String id(int i) {
        return "svc" + i + "#@#DEFAULT_INSTANCE_ID#@#DEFAULT_GROUP";
    }

    private static Datum datum(String id, long version, List<String> items) {
        List<Publisher> pubs = items.stream().map(i -> new Publisher("r-" + i, id, "c", "app", "",
                List.of(i.getBytes(StandardCharsets.UTF_8)), 1, 1, new ProcessId("s:1", 1, 1))).toList();
        return new Datum(id, version, pubs);
    }

    @Test
    void aClientAtItsPendingCapGetsTheDeferredDatumsAtTheirLatestVersionAsAcksReturn() {
        PushEngine e = engine(new PushOptions(0, 0, 2));
        Connection client = new Connection(new EmbeddedChannel());
        List<SubscriberRecord> subs = IntStream.range(0, 5)
                .mapToObj(i -> new SubscriberRecord("s" + i, id(i), "c", client)).toList();
        subs.forEach(registry::addSubscriber);
        ackAtOnce = false;
        for (int i = 0; i < 5; i++) {
            data.put(id(i), datum(id(i), 1, List.of("a" + i)));
            e.onChange(id(i));
        }
        await().until(() -> sent.size() == 2);
        // While the client sits on two pushes, the other three changed again: they will go at version 2 only.
        for (int i = 0; i < 5; i++) {
            data.put(id(i), datum(id(i), 2, List.of("b" + i)));
            e.onChange(id(i));
        }
        ackAtOnce = true;
        unacked.forEach(a -> a.complete(true));
        await().until(() -> subs.stream().allMatch(s -> s.pushedVersion() == 2));
        assertThat(sent.stream().filter(m -> m.version() == 1).count()).as("pushes of version 1").isEqualTo(2);
        assertThat(sent).as("each deferred datum went once, at its latest version").hasSize(2 + 5);
    }

    @Test
    void aDeferredRoundThatSendsNothingPassesItsPlaceOn() {
        MetricRegistry metrics = new MetricRegistry();
        PushEngine e = engine(new PushOptions(0, 0, 1), new PushMetrics(metrics));
        Connection client = new Connection(new EmbeddedChannel());
        List<SubscriberRecord> subs = IntStream.range(0, 3)
                .mapToObj(i -> new SubscriberRecord("s" + i, id(i), "c", client)).toList();
        subs.forEach(registry::addSubscriber);
        ackAtOnce = false;
        for (int i = 0; i < 3; i++) {
            data.put(id(i), datum(id(i), 1, List.of("a" + i)));
        }
        e.onChange(id(0));
        await().until(() -> sent.size() == 1); // the one place
        e.onChange(id(1));
        await().until(() -> metrics.counter("session.push.deferred").getCount() == 1);
        e.onChange(id(2));
        await().until(() -> metrics.counter("session.push.deferred").getCount() == 2);
        registry.removeSubscriber("s1", "c"); // the first deferred round will find nobody to push to
        ackAtOnce = true;
        unacked.get(0).complete(true);
        await().until(() -> subs.get(2).pushedVersion() == 1);
    }

    @Test
    void largeDataIsPushedDeflatedAndSmallDataPlain() {
        PushEngine e = engine(new PushOptions(0, 1000, 16));
        Connection client = new Connection(new EmbeddedChannel());
        registry.addSubscriber(new SubscriberRecord("big", id(1), "c", client));
        registry.addSubscriber(new SubscriberRecord("small", id(2), "c", client));
        List<String> addresses = IntStream.range(0, 100).mapToObj(i -> "10.0.0." + i + ":12200?weight=100&zone=a").toList();
        data.put(id(1), datum(id(1), 3, addresses));
        data.put(id(2), datum(id(2), 4, List.of("10.0.0.1:12200")));
        e.onChange(id(1));
        e.onChange(id(2));
        await().until(() -> sent.size() == 2);
        PushMessage big = sent.stream().filter(m -> m.dataInfoId().equals(id(1))).findFirst().orElseThrow();
        PushMessage small = sent.stream().filter(m -> m.dataInfoId().equals(id(2))).findFirst().orElseThrow();
        long plainBytes = addresses.stream().mapToLong(a -> a.getBytes(StandardCharsets.UTF_8).length).sum();
        assertThat(big.isDeflated()).isTrue();
        assertThat(big.payloadBytes()).isLessThan(plainBytes / 3);
        assertThat(big.inflated(1 << 20).data()).extracting(b -> new String(b, StandardCharsets.UTF_8))
                .containsExactlyInAnyOrderElementsOf(addresses);
        assertThat(small.isDeflated()).isFalse();
        assertThat(small.inflated(1 << 20)).isSameAs(small);
    }
}
