package io.roster.tools;

import io.roster.client.RosterClient;
import io.roster.testkit.PushRecorder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The SDK rides out a restart of the whole server: registrations come back with no call from the application. */
@Timeout(120)
class ServerRestartTest {
    @RegisterExtension
    final StandaloneCluster cluster = new StandaloneCluster();

    private RosterClient client(String app) {
        return cluster.client(app, Duration.ofMillis(300));
    }

    @Test
    void publishersAndSubscriptionsSurviveAServerRestartOnTheSamePorts() {
        RosterClient provider = client("provider");
        RosterClient consumer = client("consumer");
        PushRecorder listener = new PushRecorder();
        provider.publish("svc.restart", "10.0.0.1:1");
        consumer.subscribe("svc.restart", listener::onData);
        await().until(() -> List.of("10.0.0.1:1").equals(listener.lastData()));
        long before = listener.last().version();

        cluster.stop();
        await().until(() -> !provider.isConnected() && !consumer.isConnected());
        cluster.start();

        await().atMost(Duration.ofSeconds(30)).until(() -> provider.isConnected() && consumer.isConnected());
        // The replayed publisher is written afresh under a new slot-table epoch, so its version is above the old one.
        await().atMost(Duration.ofSeconds(30)).until(() -> listener.last().version() > before
                && List.of("10.0.0.1:1").equals(listener.lastData()));
        assertThat(listener.versionsOnlyRise()).isTrue();
        assertThat(cluster.node().session().publisherCount()).isEqualTo(1);
        assertThat(cluster.node().session().subscriberCount()).isEqualTo(1);

        // And the restarted server keeps serving new changes to the replayed subscription.
        provider.publish("svc.restart", "10.0.0.2:1");
        await().until(() -> listener.lastData().size() == 2);
    }
}
