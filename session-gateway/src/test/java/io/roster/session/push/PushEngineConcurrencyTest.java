package io.roster.session.push;

import io.roster.common.model.Datum;
import io.roster.common.model.ProcessId;
import io.roster.common.model.Publisher;
import io.roster.common.slot.SlotFunction;
import io.roster.common.util.NamedThreads;
import io.roster.session.registry.ClientRegistry;
import io.roster.session.registry.ConnectionHandle;
import io.roster.session.registry.SubscriberRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The shell under load: notices from several threads while acks come back late and out of order on other threads,
 * with a small per-client cap. Every subscriber must end at the latest version, and no subscriber may ever be
 * pushed a version at or below one it already acked (docs/ARCHITECTURE.md invariant 2).
 */
@Timeout(60)
class PushEngineConcurrencyTest {
    private static final int DATUMS = 8;
    private static final int CONNECTIONS = 10;
    private static final int VERSIONS = 40;

    private final ClientRegistry registry = new ClientRegistry(new SlotFunction(16));
    private final Map<String, AtomicLong> versions = new ConcurrentHashMap<>();
    private final ScheduledExecutorService ackers = Executors.newScheduledThreadPool(4, NamedThreads.factory("test-acks"));
    private final ExecutorService notifiers = NamedThreads.pool("test-notices", 4);
    /** Per subscriber, the versions of the pushes it acked, in the order they were acked. */
    private final Map<String, List<Long>> acked = new ConcurrentHashMap<>();
    private final Set<String> lastFailed = ConcurrentHashMap.newKeySet();
    private PushEngine engine;

    @AfterEach
    void stop() {
        if (engine != null) {
            engine.close();
        }
        NamedThreads.shutdown(notifiers);
        NamedThreads.shutdown(ackers);
    }

    private static String id(int d) {
        return "svc" + d + "#@#DEFAULT_INSTANCE_ID#@#DEFAULT_GROUP";
    }

    private Datum read(String id) {
        long v = versions.get(id).get();
        return new Datum(id, v, List.of(new Publisher("r", id, "c", "app", "",
                List.of(("v" + v).getBytes(StandardCharsets.UTF_8)), v, 1, new ProcessId("s:1", 1, 1))));
    }

    @RepeatedTest(3)
    void everySubscriberEndsAtTheLatestVersionAndNeverGetsAnOlderOne() {
        engine = new PushEngine(registry, this::read, (connection, message) -> {
            CompletableFuture<Boolean> ack = new CompletableFuture<>();
            // One in ten pushes fails, never two in a row to one client and datum (four would pause its subscribers).
            String key = connection + "/" + message.dataInfoId();
            boolean ok = lastFailed.remove(key) || ThreadLocalRandom.current().nextInt(10) != 0;
            if (!ok) {
                lastFailed.add(key);
            }
            ackers.schedule(() -> { // acks come back late and out of order
                if (ok) {
                    message.subscriberIds().forEach(s -> acked.computeIfAbsent(s, k -> new CopyOnWriteArrayList<>())
                            .add(message.version()));
                }
                ack.complete(ok);
            }, ThreadLocalRandom.current().nextInt(3), TimeUnit.MILLISECONDS);
            return ack;
        }, new PushOptions(1, 0, 2), PushMetrics.discarded());
        List<SubscriberRecord> subscribers = new ArrayList<>();
        for (int d = 0; d < DATUMS; d++) {
            versions.put(id(d), new AtomicLong(1));
            for (int c = 0; c < CONNECTIONS; c++) {
                ConnectionHandle connection = ConnectionHandle.alwaysOpen("c" + c);
                SubscriberRecord s = new SubscriberRecord("s" + d + "-" + c, id(d), "client" + c, connection);
                registry.addSubscriber(s);
                subscribers.add(s);
                engine.pushCurrent(s);
            }
        }
        for (int d = 0; d < DATUMS; d++) {
            String id = id(d);
            notifiers.execute(() -> {
                for (int v = 2; v <= VERSIONS; v++) {
                    versions.get(id).set(v);
                    engine.onChange(id);
                    if (v % 5 == 0) {
                        engine.onChange(id); // a duplicate notice
                    }
                }
            });
        }

        await().until(() -> subscribers.stream().allMatch(s -> s.pushedVersion() == VERSIONS));
        for (SubscriberRecord s : subscribers) {
            List<Long> got = acked.get(s.registerId());
            for (int i = 1; i < got.size(); i++) {
                assertThat(got.get(i)).as("pushes acked by %s: %s", s.registerId(), got).isGreaterThan(got.get(i - 1));
            }
        }
    }
}
