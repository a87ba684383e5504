package io.roster.tools;

import io.roster.client.Publication;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A burst of changes to one dataId merges into few pushes, the last carrying the last data (docs/ARCHITECTURE.md). */
@Timeout(120)
class PushDebounceTest {
    @TempDir
    Path dir;
    private StandaloneCluster cluster;

    @BeforeEach
    void start() {
        cluster = new StandaloneCluster(dir).start();
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    @Test
    void aHundredRepublishesInABurstArriveAsFarFewerPushesEndingWithTheLast() {
        RecordingListener listener = new RecordingListener();
        cluster.client("consumer").subscribe("com.example.Burst", listener);
        Publication pub = cluster.client("provider").publish("com.example.Burst", "v0");
        await().until(() -> List.of("v0").equals(listener.lastData()));
        int before = listener.pushes().size();

        for (int i = 1; i <= 100; i++) {
            pub.republish("v" + i);
        }

        await().until(() -> List.of("v100").equals(listener.lastData()));
        int pushes = listener.pushes().size() - before;
        assertThat(pushes).as("pushes for 100 changes").isLessThan(50);
        List<RecordingListener.Push> burst = listener.pushes().subList(before, listener.pushes().size());
        for (int i = 1; i < burst.size(); i++) {
            assertThat(burst.get(i).version()).isGreaterThan(burst.get(i - 1).version());
        }
    }
}
