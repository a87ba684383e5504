package io.roster.tools;

import com.codahale.metrics.Gauge;
import com.codahale.metrics.MetricRegistry;
import io.roster.client.Publication;
import io.roster.client.RosterClient;
import io.roster.testkit.PushRecorder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Delta reads end to end, in one standalone node: while publishers come, change and go, the session reads only the
 * changes from data (data.reads.delta) and its subscribers still get the right whole lists.
 */
@Timeout(120)
class DeltaReadTest {
    private static final String SERVICE = "com.example.DeltaRead";

    @RegisterExtension
    final StandaloneCluster cluster = new StandaloneCluster();

    private final PushRecorder subscriber = new PushRecorder();

    private long counter(String name) {
        return cluster.node().metrics().counter(name).getCount();
    }

    private long gauge(String name) {
        MetricRegistry metrics = cluster.node().metrics();
        Gauge<?> g = metrics.getGauges().get(name);
        return ((Number) g.getValue()).longValue();
    }

    @Test
    void republishesAndUnpublishesAreReadAsDeltasAndTheListsStayRight() {
        RosterClient consumer = cluster.client("consumer");
        consumer.subscribe(SERVICE, subscriber::onData);
        RosterClient provider = cluster.client("provider");
        List<Publication> live = new ArrayList<>();
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            live.add(provider.publish(SERVICE, "10.0.1." + i + ":80"));
            expected.add("10.0.1." + i + ":80");
            awaitList(expected);
        }
        long wholeBefore = counter("data.reads.whole");
        long deltaBefore = counter("data.reads.delta");
        for (int round = 0; round < 3; round++) {
            live.get(3).republish("10.0.1.3:" + (81 + round));
            expected.set(3, "10.0.1.3:" + (81 + round));
            awaitList(expected);
        }
        live.remove(5).unpublish();
        expected.remove(5);
        awaitList(expected);
        live.remove(0).unpublish();
        expected.remove(0);
        live.add(provider.publish(SERVICE, "10.0.1.9:80"));
        expected.add("10.0.1.9:80");
        awaitList(expected);

        assertThat(counter("data.reads.delta") - deltaBefore).as("the session read the changes only").isGreaterThanOrEqualTo(5);
        assertThat(counter("data.reads.whole") - wholeBefore).as("no whole read once the datum was held").isZero();
        assertThat(gauge("session.reads.delta-applied")).isPositive();
        assertThat(gauge("session.reads.delta-rejected")).as("every delta added up").isZero();

        PushRecorder late = new PushRecorder();
        consumer.subscribe(SERVICE, late::onData); // its full list is built from the datum the deltas built
        await().until(() -> late.last() != null && late.last().items().equals(Set.copyOf(expected)));
    }

    private void awaitList(List<String> expected) {
        Set<String> items = Set.copyOf(expected);
        await().until(() -> subscriber.last() != null && subscriber.lastData().size() == expected.size()
                && subscriber.last().items().equals(items));
    }
}
