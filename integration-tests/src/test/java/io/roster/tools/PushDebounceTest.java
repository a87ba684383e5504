package io.roster.tools;

import io.roster.client.Publication;
import io.roster.testkit.PushRecorder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A burst of changes to one dataId merges into few pushes, the last carrying the last data (docs/ARCHITECTURE.md). */
@Timeout(120)
class PushDebounceTest {
    @RegisterExtension
    final StandaloneCluster cluster = new StandaloneCluster();

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

        await().until(() -> List.of("v100").equals(listener.lastData()));
        int pushes = listener.size() - before;
        assertThat(pushes).as("pushes for 100 changes").isLessThan(50);
        List<PushRecorder.Delivery> burst = listener.deliveriesFrom(before);
        for (int i = 1; i < burst.size(); i++) {
            assertThat(burst.get(i).version()).isGreaterThan(burst.get(i - 1).version());
        }
    }
}
