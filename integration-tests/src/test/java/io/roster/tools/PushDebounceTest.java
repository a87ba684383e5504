package io.roster.tools;

import io.roster.client.Publication;
import io.roster.client.RosterClient;
import io.roster.common.config.ConfigKeys;
import io.roster.testkit.PushRecorder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The session's leading-edge push (docs/ARCHITECTURE.md): an isolated change is pushed at once, not after
 * session.push-debounce-ms; a burst still merges into few pushes, the last carrying the last data. The window is
 * long here (1.5 s), so "at once" and "after the window" cannot be mistaken for each other.
 */
@Timeout(120)
class PushDebounceTest {
    private static final long WINDOW_MS = 1500;

    @RegisterExtension
    final StandaloneCluster cluster = new StandaloneCluster().with(ConfigKeys.SESSION_PUSH_DEBOUNCE_MS, WINDOW_MS);

    @Test
    void anIsolatedChangeIsPushedAtOnceNotAfterTheWindow() {
        PushRecorder listener = new PushRecorder();
        cluster.client("consumer").subscribe("com.example.Isolated", listener::onData);
        await().until(() -> listener.size() == 1); // the subscription's own push: nothing published yet
        RosterClient provider = cluster.client("provider");
        provider.publish("com.example.WarmUp", "x"); // the provider's connection is up before the clock starts

        long start = System.nanoTime();
        provider.publish("com.example.Isolated", "10.0.0.1:1");
        await().until(() -> List.of("10.0.0.1:1").equals(listener.lastData()));
        long tookMs = (System.nanoTime() - start) / 1_000_000;

        assertThat(tookMs).as("ms from the publish to its push, with a %d ms window", WINDOW_MS)
                .isLessThan(WINDOW_MS * 2 / 3);
    }

    @Test
    void aHundredRepublishesInABurstArriveAsFarFewerPushesEndingWithTheLast() {
        PushRecorder listener = new PushRecorder();
        cluster.client("consumer").subscribe("com.example.Burst", listener::onData);
        Publication pub = cluster.client("provider").publish("com.example.Burst", "v0");
        await().until(() -> List.of("v0").equals(listener.lastData()));
        int before = listener.size();

        for (int i = 1; i <= 100; i++) {
            pub.republish("v" + i);
        }

        await().atMost(Duration.ofSeconds(20)).until(() -> List.of("v100").equals(listener.lastData()));
        int pushes = listener.size() - before;
        assertThat(pushes).as("pushes for 100 changes").isLessThan(10);
        List<PushRecorder.Delivery> burst = listener.deliveriesFrom(before);
        for (int i = 1; i < burst.size(); i++) {
            assertThat(burst.get(i).version()).isGreaterThan(burst.get(i - 1).version());
        }
    }
}
