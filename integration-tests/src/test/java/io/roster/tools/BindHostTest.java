package io.roster.tools;

import io.roster.client.RosterClient;
import io.roster.common.config.ConfigKeys;
import io.roster.testkit.PushRecorder;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * roster.bind-host against roster.host, with 127.0.0.2 standing for a second interface of the machine: by default
 * the meta, data and session ports listen on roster.host only; with roster.bind-host=0.0.0.0 they take connections
 * on every interface while the node still advertises roster.host. The admin port stays on roster.host either way.
 */
class BindHostTest {
    private static final String OTHER_INTERFACE = "127.0.0.2";

    @Nested
    class Default {
        @RegisterExtension
        final StandaloneCluster cluster = new StandaloneCluster();

        @Test
        void everyPortListensOnRosterHostOnly() {
            assertThat(cluster.config().bindHost()).isEqualTo("127.0.0.1");
            for (int port : List.of(metaPort(cluster), dataPort(cluster), sessionPort(cluster), cluster.node().adminPort())) {
                assertThat(accepts("127.0.0.1", port)).as("127.0.0.1:" + port).isTrue();
                assertThat(accepts(OTHER_INTERFACE, port)).as(OTHER_INTERFACE + ":" + port).isFalse();
            }
        }
    }

    @Nested
    class EveryInterface {
        @RegisterExtension
        final StandaloneCluster cluster = new StandaloneCluster().with(ConfigKeys.BIND_HOST, "0.0.0.0");

        @Test
        void metaDataAndSessionListenEverywhereWhileTheNodeAdvertisesRosterHost() throws Exception {
            for (int port : List.of(metaPort(cluster), dataPort(cluster), sessionPort(cluster))) {
                assertThat(accepts(OTHER_INTERFACE, port)).as(OTHER_INTERFACE + ":" + port).isTrue();
            }
            assertThat(accepts(OTHER_INTERFACE, cluster.node().adminPort())).as("admin port stays on roster.host").isFalse();
            assertThat(cluster.node().data().address()).isEqualTo("127.0.0.1:" + dataPort(cluster));
            assertThat(cluster.node().session().address()).isEqualTo("127.0.0.1:" + sessionPort(cluster));
            assertThat(cluster.node().meta().leaderAddress()).isEqualTo("127.0.0.1:" + metaPort(cluster));

            String viaOther = OTHER_INTERFACE + ":" + sessionPort(cluster);
            try (RosterClient publisher = cluster.track(RosterClient.builder().sessions(viaOther).appName("provider").build());
                 RosterClient consumer = cluster.track(RosterClient.builder().sessions(viaOther).appName("consumer").build())) {
                PushRecorder pushes = new PushRecorder();
                consumer.subscribe("svc.bind-host", pushes::onData);
                publisher.publish("svc.bind-host", "10.0.0.9:8080");
                await().atMost(Duration.ofSeconds(20)).until(() -> List.of("10.0.0.9:8080").equals(pushes.lastData()));
            }
        }
    }

    private static int metaPort(StandaloneCluster c) {
        return c.config().get(ConfigKeys.META_PORT);
    }

    private static int dataPort(StandaloneCluster c) {
        return c.config().get(ConfigKeys.DATA_PORT);
    }

    private static int sessionPort(StandaloneCluster c) {
        return c.config().get(ConfigKeys.SESSION_PORT);
    }

    private static boolean accepts(String host, int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host, port), 2000);
            return true;
        } catch (IOException refused) {
            return false;
        }
    }
}
