package io.roster.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.roster.client.RosterClient;
import io.roster.testkit.PushRecorder;
import io.roster.tools.cluster.ClusterFile;
import io.roster.tools.cluster.LocalCluster;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * `roster cluster` with every node in its own JVM: start, kill -9 and restart a data node and the meta leader, and
 * check through the CLI and the SDK that the cluster recovered. The cluster is stopped whatever happens.
 */
class LocalClusterProcessTest {
    private static final Pattern SLOT_COUNT = Pattern.compile("slot table: epoch \\d+, (\\d+) slots");
    private static final Pattern DATA_ROW = Pattern.compile("(?m)^data\\s+(\\S+)\\s.*\\s(\\d+)\\s*$");

    @TempDir
    Path tmp;
    private Path dir;

    record Result(int code, String out, String err) {
    }

    @AfterEach
    void stopCluster() {
        if (dir != null && Files.exists(ClusterFile.in(dir))) {
            LocalCluster cluster = LocalCluster.in(dir);
            cluster.stop();
            assertThat(cluster.nodes()).allSatisfy(n -> assertThat(cluster.processes().running(n)).as(n + " left running").isEmpty());
        }
    }

    private static Result roster(Object... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = RosterMain.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(java.util.Arrays.stream(args).map(String::valueOf).toArray(String[]::new));
        return new Result(code, out.toString(), err.toString());
    }

    @Test
    @Timeout(240)
    void recoversFromKillOfADataNodeAndOfTheMetaLeader() throws Exception {
        dir = tmp.resolve("cluster");
        Result start = roster("cluster", "start", "--meta", 3, "--data", 2, "--session", 1, "--dir", dir,
                "--set", "lease.duration-ms=1500", "--set", "heartbeat.interval-ms=300", "--set", "meta.election-timeout-ms=500",
                "--set", "session.push-debounce-ms=10");
        assertThat(start.code()).as(start.err()).isZero();
        assertThat(start.out()).contains("cluster up", "meta-3", "data-2", "session-1", "sessions=");
        ClusterFile file = ClusterFile.read(dir);
        assertThat(file.meta()).hasSize(3);
        assertThat(file.http()).hasSize(6);
        assertRecovered(file);

        Result kill = roster("cluster", "kill", "data", 1, "--dir", dir);
        assertThat(kill.code()).as(kill.err()).isZero();
        assertThat(kill.out()).contains("killed data-1");
        Result restart = roster("cluster", "restart", "data", 1, "--dir", dir);
        assertThat(restart.code()).as(restart.err()).isZero();

        String leader = await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(this::metaLeader, l -> !l.isEmpty());
        int leaderIndex = file.meta().indexOf(leader) + 1;
        assertThat(leaderIndex).as("leader " + leader + " among " + file.meta()).isPositive();
        assertThat(roster("cluster", "kill", "meta", leaderIndex, "--dir", dir).code()).isZero();
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(this::metaLeader, l -> !l.isEmpty() && !l.equals(leader));
        Result metaBack = roster("cluster", "restart", "meta", leaderIndex, "--dir", dir);
        assertThat(metaBack.code()).as(metaBack.err()).isZero();

        assertRecovered(file);
        publishReachesASubscriber(file);
    }

    @Test
    @Timeout(120)
    void aStartThatFailsLeavesNoNodeRunning() {
        dir = tmp.resolve("too-short");
        Result start = roster("cluster", "start", "--meta", 1, "--data", 1, "--session", 1, "--dir", dir, "--timeout-secs", 0);
        assertThat(start.code()).isEqualTo(1);
        assertThat(start.err()).contains("roster cluster start: not up after 0 s", "see " + dir.toAbsolutePath());
        LocalCluster cluster = LocalCluster.in(dir);
        assertThat(cluster.nodes()).hasSize(3).allSatisfy(n -> {
            assertThat(cluster.processes().pid(n)).as(n + " was launched").isPresent();
            assertThat(cluster.processes().running(n)).as(n + " left running").isEmpty();
        });
    }

    @Test
    void aBadSetFailsBeforeAnyNodeStarts() {
        dir = tmp.resolve("bad");
        Result start = roster("cluster", "start", "--dir", dir, "--set", "lease.duration-ms=soon");
        assertThat(start.code()).isEqualTo(2);
        assertThat(start.err()).contains("lease.duration-ms").doesNotContain("Exception");
        assertThat(dir).as("nothing written, so the directory can be used as is").doesNotExist();
        assertThat(roster("cluster", "start", "--dir", tmp.resolve("bad2"), "--set", "meta.port=1").err())
                .contains("--set meta.port is not allowed");
    }

    /** 3 metas in the group, every node's process live in meta, every slot led by a live data node: all through the CLI. */
    private void assertRecovered(ClusterFile file) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300)).ignoreExceptions().untilAsserted(() -> {
            Result status = roster("cluster", "status", "--dir", dir, "--json");
            assertThat(status.code()).as(status.err()).isZero();
            JsonNode rows = new ObjectMapper().readTree(status.out());
            assertThat(rows).hasSize(6);
            List<String> metaStates = new ArrayList<>();
            for (JsonNode r : rows) {
                assertThat(r.get("alive").asBoolean()).as(r.toString()).isTrue();
                if (r.get("role").asText().equals("meta")) {
                    metaStates.add(r.get("cluster").asText());
                } else {
                    assertThat(r.get("cluster").asText()).as(r.toString()).startsWith("live");
                }
            }
            assertThat(metaStates).filteredOn("leader"::equals).hasSize(1);
            assertThat(metaStates).filteredOn(s -> s.startsWith("follower of ")).hasSize(2);

            Result cli = roster("status", "--cluster", dir);
            assertThat(cli.code()).as(cli.err()).isZero();
            Matcher slots = SLOT_COUNT.matcher(cli.out());
            assertThat(slots.find()).as(cli.out()).isTrue();
            int led = 0;
            Matcher row = DATA_ROW.matcher(cli.out());
            List<String> dataRows = new ArrayList<>();
            while (row.find()) {
                dataRows.add(row.group(1));
                led += Integer.parseInt(row.group(2));
            }
            assertThat(dataRows).as(cli.out()).containsExactlyInAnyOrderElementsOf(file.data());
            assertThat(led).as("slots led by live data nodes\n" + cli.out()).isEqualTo(Integer.parseInt(slots.group(1)));
            assertThat(cli.out()).contains("session  " + file.sessions().get(0));
        });
    }

    private String metaLeader() throws Exception {
        Result status = roster("status", "--cluster", dir, "--json", "--timeout-ms", 1000);
        if (status.code() != 0) {
            return "";
        }
        return new ObjectMapper().readTree(status.out()).get("metaLeader").asText();
    }

    private static void publishReachesASubscriber(ClusterFile file) throws Exception {
        try (RosterClient publisher = RosterClient.builder().sessions(file.sessions()).appName("provider").build();
             RosterClient consumer = RosterClient.builder().sessions(file.sessions()).appName("consumer").build()) {
            PushRecorder listener = new PushRecorder();
            consumer.subscribe("svc.local-cluster", listener::onData);
            publisher.publish("svc.local-cluster", "10.0.0.1:12200");
            await().atMost(Duration.ofSeconds(30)).until(() -> List.of("10.0.0.1:12200").equals(listener.lastData()));
            assertThat(listener.versionsOnlyRise()).isTrue();
        }
    }
}
