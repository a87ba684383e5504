package io.roster.tools;

import io.roster.client.Publication;
import io.roster.client.RosterClient;
import io.roster.client.Subscription;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** One JVM running meta + data + session, two SDK clients over real sockets: docs/ARCHITECTURE.md. */
@Timeout(120)
class StandaloneRegistryTest {
    private static final String SERVICE = "com.example.EchoService";

    @TempDir
    Path dir;
    private StandaloneCluster cluster;
    private final List<RosterClient> clients = new ArrayList<>();

    @BeforeEach
    void startServer() {
        cluster = new StandaloneCluster(dir).start();
    }

    @AfterEach
    void stopAll() {
        clients.forEach(RosterClient::close);
        cluster.close();
    }

    private RosterClient client(String app) {
        RosterClient c = RosterClient.builder()
                .sessions(cluster.sessionAddress())
                .appName(app)
                .connectTimeout(Duration.ofSeconds(10))
                .reconnectBackoff(Duration.ofMillis(50), Duration.ofMillis(500))
                .build();
        clients.add(c);
        return c;
    }

    @Test
    void largeDataIsPushedDeflatedAndArrivesWhole() {
        RosterClient provider = client("provider");
        RosterClient consumer = client("consumer");
        List<String> items = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            items.add("10.0.0." + i + ":12200?" + "weight=100&zone=a&timeout=3000&".repeat(12));
            provider.publish("com.example.Large", items.get(i));
        }
        RecordingListener listener = new RecordingListener();
        consumer.subscribe("com.example.Large", listener);
        await().atMost(Duration.ofSeconds(30)).until(() -> listener.lastData() != null
                && Set.copyOf(listener.lastData()).equals(Set.copyOf(items)));
        long plain = items.stream().mapToLong(String::length).sum();
        long pushedBytes = cluster.node().metrics().counter("session.push.bytes").getCount();
        assertThat(plain).as("the data is above session.push-compress-min-bytes").isGreaterThan(8192);
        assertThat(pushedBytes).as("bytes on the wire for one push of %d bytes of data", plain).isLessThan(plain / 4);
    }

    @Test
    void publishRepublishUnpublishReachTheSubscriberWithRisingVersions() {
        RosterClient provider = client("provider");
        RosterClient consumer = client("consumer");
        RecordingListener listener = new RecordingListener();
        consumer.subscribe(SERVICE, listener);
        await().until(() -> listener.last() != null);
        assertThat(listener.lastData()).isEmpty();

        Publication pub = provider.publish(SERVICE, "10.0.0.1:12200");
        await().until(() -> List.of("10.0.0.1:12200").equals(listener.lastData()));
        long first = listener.last().version();

        pub.republish("10.0.0.1:12201");
        await().until(() -> List.of("10.0.0.1:12201").equals(listener.lastData()));
        assertThat(listener.last().version()).isGreaterThan(first);

        pub.unpublish();
        await().until(() -> listener.lastData().isEmpty() && listener.last().version() > first);
        assertThat(listener.versionsOnlyRise()).isTrue();
        assertThat(listener.last().dataInfoId()).isEqualTo(SERVICE + "#@#DEFAULT_INSTANCE_ID#@#DEFAULT_GROUP");
    }

    @Test
    void closingThePublishingClientPushesTheEmptyList() {
        RosterClient provider = client("provider");
        RosterClient consumer = client("consumer");
        RecordingListener listener = new RecordingListener();
        provider.publish(SERVICE, "10.0.0.1:12200");
        provider.publish(SERVICE, "10.0.0.2:12200");
        consumer.subscribe(SERVICE, listener);
        await().until(() -> listener.lastData() != null && listener.lastData().size() == 2);

        provider.close();
        await().until(() -> listener.lastData().isEmpty());
        assertThat(listener.versionsOnlyRise()).isTrue();
    }

    @Test
    void aLateSubscriberGetsTheCurrentDataAtOnce() {
        RosterClient provider = client("provider");
        provider.publish(SERVICE, "10.0.0.1:12200");
        provider.publish(SERVICE, "10.0.0.2:12200");

        RecordingListener listener = new RecordingListener();
        client("late").subscribe(SERVICE, listener);
        await().until(() -> listener.lastData() != null && listener.lastData().size() == 2);
        assertThat(listener.pushes()).hasSize(1);
        assertThat(listener.lastData()).containsExactlyInAnyOrder("10.0.0.1:12200", "10.0.0.2:12200");
    }

    @Test
    void aThousandDataIdsOverAllSlotsReachTheirSubscribers() {
        RosterClient provider = client("provider");
        RosterClient consumer = client("consumer");
        Map<String, RecordingListener> listeners = new HashMap<>();
        Set<Integer> slots = new HashSet<>();
        io.roster.common.slot.SlotFunction slotFunction = new io.roster.common.slot.SlotFunction(256);
        for (int i = 0; i < 1000; i++) {
            String id = "svc-" + i;
            RecordingListener l = new RecordingListener();
            listeners.put(id, l);
            consumer.subscribe(id, l);
            slots.add(slotFunction.slotOf(id + "#@#DEFAULT_INSTANCE_ID#@#DEFAULT_GROUP"));
        }
        for (int i = 0; i < 1000; i++) {
            provider.publish("svc-" + i, "10.1." + (i / 256) + "." + (i % 256) + ":8080");
        }
        assertThat(slots).hasSizeGreaterThan(200);
        await().atMost(Duration.ofSeconds(60)).until(() -> listeners.entrySet().stream().allMatch(e -> {
            List<String> data = e.getValue().lastData();
            int i = Integer.parseInt(e.getKey().substring(4));
            return data != null && data.equals(List.of("10.1." + (i / 256) + "." + (i % 256) + ":8080"));
        }));
        assertThat(listeners.values()).allMatch(RecordingListener::versionsOnlyRise);
    }

    @Test
    void unsubscribedListenersHearNothingMore() {
        RosterClient provider = client("provider");
        RecordingListener listener = new RecordingListener();
        Subscription sub = client("consumer").subscribe(SERVICE, listener);
        await().until(() -> listener.last() != null);
        sub.unsubscribe();
        RecordingListener witness = new RecordingListener();
        client("witness").subscribe(SERVICE, witness);
        provider.publish(SERVICE, "10.0.0.9:1");
        await().until(() -> List.of("10.0.0.9:1").equals(witness.lastData()));
        assertThat(listener.pushes()).hasSize(1);
    }
}
