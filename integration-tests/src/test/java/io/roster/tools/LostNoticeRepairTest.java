package io.roster.tools;

import io.roster.client.Publication;
import io.roster.client.RosterClient;
import io.roster.testkit.PushRecorder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A change notice lost on the way is repaired by the session's periodic version check (300 ms here), and counted in
 * session.push.repairs; changes whose notices arrive are never "repaired", however steadily they come.
 */
@Timeout(120)
class LostNoticeRepairTest {
    private static final String SERVICE = "com.example.EchoService";

    @RegisterExtension
    final StandaloneCluster cluster = new StandaloneCluster();

    private RosterClient client(String app) {
        return cluster.client(app);
    }

    @Test
    void aDroppedNoticeIsRepairedByTheVersionCheck() {
        RosterClient provider = client("provider");
        PushRecorder listener = new PushRecorder();
        client("consumer").subscribe(SERVICE, listener::onData);
        Publication pub = provider.publish(SERVICE, "10.0.0.1:1");
        await().until(() -> List.of("10.0.0.1:1").equals(listener.lastData()));
        long before = listener.last().version();

        cluster.node().session().dropChangeNotices(true);
        pub.republish("10.0.0.1:2");

        // Every notice is dropped, so only the version check can bring this push.
        await().atMost(Duration.ofSeconds(10)).until(() -> List.of("10.0.0.1:2").equals(listener.lastData()));
        assertThat(listener.last().version()).isGreaterThan(before);
        assertThat(repairs()).as("session.push.repairs").isPositive();
    }

    @Test
    void steadyWritesWhoseNoticesArriveAreNeverRepaired() {
        PushRecorder listener = new PushRecorder();
        client("consumer").subscribe(SERVICE, listener::onData);
        Publication pub = client("provider").publish(SERVICE, "10.0.0.1:0");
        await().until(() -> List.of("10.0.0.1:0").equals(listener.lastData()));

        // Writes for at least five version-check periods, each change's push in flight or in its window when a
        // check may come.
        long end = System.nanoTime() + Duration.ofMillis(1500).toNanos();
        int i = 0;
        while (System.nanoTime() < end) {
            pub.republish("10.0.0.1:" + ++i);
        }
        String last = "10.0.0.1:" + i;
        await().until(() -> List.of(last).equals(listener.lastData()));
        assertThat(repairs()).as("session.push.repairs with no notice lost").isZero();
    }

    private long repairs() {
        return cluster.node().metrics().counter("session.push.repairs").getCount();
    }
}
