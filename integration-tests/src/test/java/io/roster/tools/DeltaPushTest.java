package io.roster.tools;

import com.codahale.metrics.MetricRegistry;
import io.roster.client.DataChange;
import io.roster.client.DeltaSubscriptionListener;
import io.roster.client.Publication;
import io.roster.client.RosterClient;
import io.roster.testkit.PushRecorder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Delta push end to end, in one standalone node: a delta-capable client and one built with {@code deltaPush(false)}
 * subscribe to the same service while publishers come, change and go. Both listeners see the same whole lists; the
 * session sent deltas to the one and full lists to the other.
 */
@Timeout(120)
class DeltaPushTest {
    private static final String SERVICE = "com.example.Delta";

    @RegisterExtension
    final StandaloneCluster cluster = new StandaloneCluster();

    private final PushRecorder viaDeltas = new PushRecorder();
    private final List<DataChange> changes = new CopyOnWriteArrayList<>();
    private final PushRecorder viaFullLists = new PushRecorder();

    private long counter(String name) {
        MetricRegistry metrics = cluster.node().metrics();
        return metrics.counter(name).getCount();
    }

    @Test
    void aDeltaClientAndAFullListClientSeeTheSameListsAsPublishersComeAndGo() {
        RosterClient withDeltas = cluster.client("delta-consumer");
        RosterClient withFullLists = cluster.track(RosterClient.builder().sessions(cluster.sessionAddress())
                .appName("full-consumer").connectTimeout(Duration.ofSeconds(10)).deltaPush(false).build());
        withDeltas.subscribe(SERVICE, (DeltaSubscriptionListener) (id, data, change, version) -> {
            viaDeltas.onData(id, data, version);
            changes.add(change);
        });
        withFullLists.subscribe(SERVICE, viaFullLists::onData);
        long fullBefore = counter("session.push.full");

        RosterClient provider = cluster.client("provider");
        List<Publication> live = new ArrayList<>();
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            live.add(provider.publish(SERVICE, "10.0.0." + i + ":80"));
            expected.add("10.0.0." + i + ":80");
            awaitBoth(expected);
        }
        live.get(2).republish("10.0.0.2:81"); // replaced
        expected.set(2, "10.0.0.2:81");
        awaitBoth(expected);
        live.remove(4).unpublish();
        expected.remove(4);
        awaitBoth(expected);
        live.remove(0).unpublish();
        expected.remove(0);
        live.add(provider.publish(SERVICE, "10.0.0.9:80"));
        expected.add("10.0.0.9:80");
        awaitBoth(expected);

        PushRecorder lateSubscriber = new PushRecorder();
        withDeltas.subscribe(SERVICE, lateSubscriber::onData); // a new subscriber: the full list at once
        await().until(() -> viaDeltas.lastData().equals(lateSubscriber.lastData()));

        Map<Long, List<String>> full = viaFullLists.deliveries().stream()
                .collect(Collectors.toMap(PushRecorder.Delivery::version, PushRecorder.Delivery::data));
        List<PushRecorder.Delivery> common = viaDeltas.deliveries().stream().filter(d -> full.containsKey(d.version())).toList();
        assertThat(common).as("versions both clients got").hasSizeGreaterThan(3);
        assertThat(common).allSatisfy(d -> assertThat(d.data()).as("v%d", d.version()).isEqualTo(full.get(d.version())));
        assertThat(changes).allSatisfy(c -> assertThat(c.known()).isTrue());

        long deltas = counter("session.push.delta");
        assertThat(deltas).as("deltas went to the capable client").isGreaterThanOrEqualTo(viaDeltas.size() - 2);
        assertThat(counter("session.push.full") - fullBefore).as("the other got full lists")
                .isGreaterThanOrEqualTo(viaFullLists.size() - 1);
        assertThat(counter("session.push.full") + deltas).isGreaterThanOrEqualTo(viaDeltas.size() + viaFullLists.size());
    }

    @Test
    void afterARestartTheReplayedSubscriptionsGetAFullListAndThenDeltasAgain() {
        RosterClient withDeltas = cluster.client("delta-consumer", Duration.ofMillis(200));
        RosterClient withFullLists = cluster.track(RosterClient.builder().sessions(cluster.sessionAddress())
                .appName("full-consumer").connectTimeout(Duration.ofSeconds(10))
                .reconnectBackoff(Duration.ofMillis(50), Duration.ofMillis(200)).deltaPush(false).build());
        withDeltas.subscribe(SERVICE, (DeltaSubscriptionListener) (id, data, change, version) -> {
            viaDeltas.onData(id, data, version);
            changes.add(change);
        });
        withFullLists.subscribe(SERVICE, viaFullLists::onData);
        RosterClient provider = cluster.client("provider", Duration.ofMillis(200));
        provider.publish(SERVICE, "a:1");
        awaitBoth(List.of("a:1"));
        Publication b = provider.publish(SERVICE, "b:1");
        awaitBoth(List.of("a:1", "b:1"));
        assertThat(counter("session.push.delta")).isPositive();

        cluster.stop(); // every connection drops; the clients reconnect to the new node and replay
        cluster.start();
        awaitBoth(List.of("a:1", "b:1"));
        await().until(() -> withDeltas.isConnected() && provider.isConnected());
        b.republish("b:2");
        awaitBoth(List.of("a:1", "b:2"));
        provider.publish(SERVICE, "c:1");
        awaitBoth(List.of("a:1", "b:2", "c:1"));
        assertThat(counter("session.push.delta")).as("deltas again on the new connection").isPositive();
        assertThat(viaDeltas.lastData()).isEqualTo(viaFullLists.lastData());
    }

    /** Both clients' listeners got exactly {@code expected} (as a set: a re-publish moves an item to the end). */
    private void awaitBoth(List<String> expected) {
        java.util.Set<String> items = java.util.Set.copyOf(expected);
        await().until(() -> viaDeltas.last() != null && viaFullLists.last() != null
                && viaDeltas.lastData().size() == expected.size() && viaDeltas.last().items().equals(items)
                && viaFullLists.lastData().size() == expected.size() && viaFullLists.last().items().equals(items));
        assertThat(viaDeltas.lastData()).isEqualTo(viaFullLists.lastData());
    }
}
