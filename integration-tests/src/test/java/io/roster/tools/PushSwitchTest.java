package io.roster.tools;

import io.roster.client.Publication;
import io.roster.client.RosterClient;
import io.roster.testkit.CapturedRun;
import io.roster.testkit.FreePorts;
import io.roster.testkit.PushRecorder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** `roster push off` stops pushes cluster-wide while registrations go on; `roster push on` pushes the latest. */
@Timeout(120)
class PushSwitchTest {
    private static final String SERVICE = "com.example.EchoService";
    private static final String LATE = "com.example.LateService";

    @RegisterExtension
    final StandaloneCluster cluster = new StandaloneCluster();

    private RosterClient client(String app) {
        return cluster.client(app);
    }

    private CapturedRun push(String action) {
        return CapturedCli.run("push", action, "--meta", cluster.metaAddress());
    }

    private long dataVersion(String dataId) {
        return cluster.node().session().readDatum(dataId).version();
    }

    @Test
    void offHoldsEveryPushAndOnDeliversTheLatestToEveryone() {
        RosterClient provider = client("provider");
        RosterClient consumer = client("consumer");
        PushRecorder listener = new PushRecorder();
        consumer.subscribe(SERVICE, listener::onData);
        Publication pub = provider.publish(SERVICE, "10.0.0.1:1");
        await().until(() -> List.of("10.0.0.1:1").equals(listener.lastData()));

        CapturedRun off = push("off");
        assertThat(off.exit()).as(off.toString()).isZero();
        assertThat(off.out()).contains("push off");
        await().until(() -> !cluster.node().session().view().switches().pushEnabled());

        int before = listener.size();
        pub.republish("10.0.0.1:2");
        pub.republish("10.0.0.1:3");
        PushRecorder late = new PushRecorder();
        client("late-consumer").subscribe(LATE, late::onData);
        provider.publish(LATE, "10.0.0.9:1");
        long latest = dataVersion(SERVICE);
        await().until(() -> dataVersion(LATE) > 0);
        // Registrations went on (data has them) but nothing reached a subscriber.
        await().during(Duration.ofMillis(600)).atMost(Duration.ofSeconds(5))
                .until(() -> listener.deliveries().size() == before && late.deliveries().isEmpty());
        assertThat(push("status").out()).contains("push off");

        CapturedRun on = push("on");
        assertThat(on.exit()).as(on.toString()).isZero();
        await().until(() -> List.of("10.0.0.1:3").equals(listener.lastData()));
        assertThat(listener.last().version()).isGreaterThanOrEqualTo(latest);
        assertThat(listener.deliveriesFrom(before))
                .as("the held changes arrive as the latest list, not one push each").hasSize(1);
        await().until(() -> List.of("10.0.0.9:1").equals(late.lastData()));
    }

    @Test
    void aBadActionOrNoMetaIsOneLineWithItsExitCode() {
        CapturedRun bad = push("sideways");
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err()).contains("expected on, off or status").doesNotContain("\tat ");

        CapturedRun none = CapturedCli.run("push", "status", "--meta", "127.0.0.1:" + FreePorts.free(),
                "--timeout-ms", "500");
        assertThat(none.exit()).isEqualTo(1);
        assertThat(none.err()).startsWith("roster push: ").doesNotContain("\tat ");
    }
}
