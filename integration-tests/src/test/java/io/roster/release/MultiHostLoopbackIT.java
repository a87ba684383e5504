package io.roster.release;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.roster.client.RosterClient;
import io.roster.testkit.FreePorts;
import io.roster.testkit.PushRecorder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * docs/MULTI-HOST.md followed from the unpacked release, with 127.0.0.1, 127.0.0.2 and 127.0.0.3 as the three
 * hosts: each runs meta, data and session from its own config file and data directory, on the same ports as the
 * others (free ones here, instead of the defaults, so a node already running on this machine cannot clash). The
 * cluster forms one meta group of three with a leader, three data and three session nodes, and a subscriber on the
 * session of 127.0.0.2 is pushed what a publisher registered there.
 */
class MultiHostLoopbackIT {
    private static final List<String> HOSTS = List.of("127.0.0.1", "127.0.0.2", "127.0.0.3");

    @TempDir
    Path tmp;
    private final List<Process> nodes = new ArrayList<>();

    @AfterEach
    void killLeftovers() throws InterruptedException {
        UnpackedRelease.kill(nodes);
    }

    @Test
    @Timeout(180)
    void threeHostsFormOneClusterAndServeThroughTheSecondHostsSession() throws Exception {
        UnpackedRelease release = UnpackedRelease.unpack(tmp);
        List<Integer> ports = FreePorts.free(4);
        int session = ports.get(0);
        int meta = ports.get(1);
        int data = ports.get(2);
        int admin = ports.get(3);
        String peers = HOSTS.stream().map(h -> h + ":" + meta).collect(Collectors.joining(","));
        for (int i = 0; i < HOSTS.size(); i++) {
            Path dir = tmp.resolve("host-" + (i + 1));
            Files.createDirectories(dir);
            // the guide's host-N.properties, with these ports instead of 9601/9611/9621/9680
            Files.writeString(dir.resolve("roster.properties"), String.join("\n",
                    "roster.roles=meta,data,session",
                    "roster.host=" + HOSTS.get(i),
                    "roster.data-dir=./data",
                    "meta.peers=" + peers,
                    "meta.servers=" + peers,
                    "session.port=" + session, "meta.port=" + meta, "data.port=" + data, "admin.port=" + admin, ""));
            nodes.add(release.start(dir, "server", "server", "--config", dir.resolve("roster.properties").toString()));
        }
        for (int i = 0; i < HOSTS.size(); i++) {
            String health = "http://" + HOSTS.get(i) + ":" + admin + "/health";
            Process node = nodes.get(i);
            Path dir = tmp.resolve("host-" + (i + 1));
            await(health).atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250)).until(() -> {
                if (!node.isAlive()) {
                    throw new AssertionError(dir + " exited " + node.exitValue() + ":\n" + Files.readString(dir.resolve("server.err")));
                }
                return UnpackedRelease.httpStatus(health) == 200;
            });
        }

        Path ops = tmp.resolve("operator");
        await("3 meta peers with a leader, 3 data and 3 session nodes").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                    UnpackedRelease.Run status = release.run(ops, "status", "--meta", peers, "--json");
                    assertThat(status.exit()).as(status.toString()).isZero();
                    JsonNode json = new ObjectMapper().readTree(status.out());
                    List<String> metaPeers = new ArrayList<>();
                    json.get("metaPeers").forEach(p -> metaPeers.add(p.asText()));
                    assertThat(metaPeers).containsExactlyInAnyOrderElementsOf(List.of(peers.split(",")));
                    assertThat(metaPeers).contains(json.get("metaLeader").asText());
                    List<String> nodesSeen = new ArrayList<>();
                    json.get("nodes").forEach(n -> nodesSeen.add(n.toString()));
                    for (String host : HOSTS) {
                        assertThat(nodesSeen).anyMatch(n -> n.contains(host + ":" + data)).anyMatch(n -> n.contains(host + ":" + session));
                    }
                });
        UnpackedRelease.Run text = release.run(ops, "status", "--meta", HOSTS.get(2) + ":" + meta);
        assertThat(text.out()).as(text.toString()).contains("peers: " + peers.replace(",", ", "), "256 slots");

        String secondHost = HOSTS.get(1) + ":" + session;
        try (RosterClient publisher = RosterClient.builder().sessions(secondHost).appName("provider").build();
             RosterClient consumer = RosterClient.builder().sessions(secondHost).appName("consumer").build()) {
            PushRecorder pushes = new PushRecorder();
            consumer.subscribe("com.example.EchoService", pushes::onData);
            publisher.publish("com.example.EchoService", "10.0.0.7:12200");
            await().atMost(Duration.ofSeconds(30)).until(() -> List.of("10.0.0.7:12200").equals(pushes.lastData()));
        }

        for (Process node : nodes) {
            assertThat(UnpackedRelease.stop(node)).isIn(0, 143);
        }
        for (int i : IntStream.range(0, HOSTS.size()).toArray()) {
            Path dir = tmp.resolve("host-" + (i + 1));
            assertThat(dir.resolve("data/meta-" + meta)).as("each host keeps its state in its own data dir").isDirectory();
            assertThat(Files.readString(dir.resolve("server.err"))).as("slot lists are ranges")
                    .doesNotContainPattern("\\d+, \\d+, \\d+, \\d+, \\d+, \\d+");
        }
    }
}
