package io.roster.tools;

import io.roster.client.Publication;
import io.roster.client.RosterClient;
import io.roster.client.Subscription;
import io.roster.testkit.PushRecorder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

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

    @RegisterExtension
    final StandaloneCluster cluster = new StandaloneCluster();

    private RosterClient client(String app) {
        return cluster.client(app, Duration.ofMillis(500));
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
        PushRecorder listener = new PushRecorder();
        consumer.subscribe("com.example.Large", listener::onData);
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
        PushRecorder listener = new PushRecorder();
        consumer.subscribe(SERVICE, listener::onData);
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
        PushRecorder listener = new PushRecorder();
        provider.publish(SERVICE, "10.0.0.1:12200");
        provider.publish(SERVICE, "10.0.0.2:12200");
        consumer.subscribe(SERVICE, listener::onData);
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

        PushRecorder listener = new PushRecorder();
        client("late").subscribe(SERVICE, listener::onData);
        await().until(() -> listener.lastData() != null && listener.lastData().size() == 2);
        assertThat(listener.deliveries()).hasSize(1);
        assertThat(listener.lastData()).containsExactlyInAnyOrder("10.0.0.1:12200", "10.0.0.2:12200");
    }

    @Test
    void aThousandDataIdsOverAllSlotsReachTheirSubscribers() {
        RosterClient provider = client("provider");
        RosterClient consumer = client("consumer");
        Map<String, PushRecorder> listeners = new HashMap<>();
        Set<Integer> slots = new HashSet<>();
        io.roster.common.slot.SlotFunction slotFunction = new io.roster.common.slot.SlotFunction(256);
        for (int i = 0; i < 1000; i++) {
            String id = "svc-" + i;
            PushRecorder l = new PushRecorder();
            listeners.put(id, l);
            consumer.subscribe(id, l::onData);
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
        assertThat(listeners.values()).allMatch(PushRecorder::versionsOnlyRise);
    }

    @Test
    void unsubscribedListenersHearNothingMore() {
        RosterClient provider = client("provider");
        PushRecorder listener = new PushRecorder();
        Subscription sub = client("consumer").subscribe(SERVICE, listener::onData);
        await().until(() -> listener.last() != null);
        sub.unsubscribe();
        PushRecorder witness = new PushRecorder();
        client("witness").subscribe(SERVICE, witness::onData);
        provider.publish(SERVICE, "10.0.0.9:1");
        await().until(() -> List.of("10.0.0.9:1").equals(witness.lastData()));
        assertThat(listener.deliveries()).hasSize(1);
    }
}
