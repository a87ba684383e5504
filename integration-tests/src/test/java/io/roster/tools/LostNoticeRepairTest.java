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

/** A change notice lost on the way is repaired by the session's periodic version check (300 ms here). */
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
    }
}
