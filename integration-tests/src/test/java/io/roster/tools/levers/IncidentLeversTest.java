package io.roster.tools.levers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.roster.client.Publication;
import io.roster.client.RosterClient;
import io.roster.client.RosterRequestException;
import io.roster.common.wire.ErrorCode;
import io.roster.meta.MetaServer;
import io.roster.testkit.CapturedRun;
import io.roster.testkit.PushRecorder;
import io.roster.tools.CapturedCli;
import io.roster.tools.server.RosterNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Each incident lever end to end on a cluster of 3 meta, 2 data and 2 session nodes, driven as an operator does
 * (the roster CLI against admin ports, with the token): the publisher on session 0, the subscriber on session 1.
 */
@Timeout(240)
class IncidentLeversTest {
    private static final String SERVICE = "com.example.EchoService";
    private static final String BAD = "com.bad.Orders";
    private static final Duration QUIET = Duration.ofMillis(800);

    private final LeverCluster cluster = new LeverCluster().start();
    private final ObjectMapper json = new ObjectMapper();

    @AfterEach
    void stop() {
        cluster.close();
    }

    private CapturedRun cli(RosterNode at, String... args) throws Exception {
        Path token = cluster.dir().resolve("token");
        Files.writeString(token, LeverCluster.TOKEN + "\n");
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--admin", cluster.admin(at), "--token-file", token.toString()));
        CapturedRun run = CapturedCli.run(all.toArray(String[]::new));
        assertThat(run.exit()).as(run.toString()).isZero();
        return run;
    }

    private JsonNode levers(RosterNode at) throws Exception {
        return json.readTree(cli(at, "levers", "--output", "json").out());
    }

    private static void quietly(PushRecorder recorder, int size) {
        await().during(QUIET).atMost(QUIET.multipliedBy(5)).until(() -> recorder.size() == size);
    }

    private HttpResponse<String> post(RosterNode at, String path, String body) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://" + cluster.admin(at) + path))
                .header("Authorization", "Bearer " + LeverCluster.TOKEN)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void clientOffAndOnReachASubscriberOnTheOtherSessionAndSurviveAMetaLeaderChange() throws Exception {
        RosterClient provider = cluster.client("provider", 0);
        PushRecorder consumer = new PushRecorder();
        cluster.client("consumer", 1).subscribe(SERVICE, consumer::onData);
        Publication pub = provider.publish(SERVICE, "10.0.0.1:1");
        await().until(() -> List.of("10.0.0.1:1").equals(consumer.lastData()));

        CapturedRun off = cli(cluster.data(0), "client-off", "127.0.0.1");
        assertThat(off.out()).contains("client-off:").contains("127.0.0.1");
        await().until(() -> consumer.lastData().isEmpty());
        pub.republish("10.0.0.1:2"); // over a connection that is off: held by session 0
        int held = consumer.size();
        quietly(consumer, held);
        assertThat(cluster.session(0).session().clientCount()).as("the publisher never reconnected").isEqualTo(1);

        MetaServer before = cluster.leader();
        String target = cluster.metas().stream().map(RosterNode::meta).filter(m -> !m.isLeader()).findFirst().orElseThrow().address();
        CapturedRun transfer = CapturedCli.run("meta", "transfer-leader", target, "--meta", cluster.metaServers());
        assertThat(transfer.exit()).as(transfer.toString()).isZero();
        await().atMost(Duration.ofSeconds(20)).until(() -> cluster.leader() != null && cluster.leader() != before);
        assertThat(levers(cluster.session(1)).get("clientOff")).extracting(JsonNode::asText).containsExactly("127.0.0.1");
        quietly(consumer, held);
        assertThat(CapturedCli.run("status", "--meta", cluster.metaServers()).out()).contains("client-off [127.0.0.1]");

        cli(cluster.metas().get(0), "client-on", "127.0.0.1");
        await().until(() -> List.of("10.0.0.1:2").equals(consumer.lastData()));
        assertThat(levers(cluster.session(0)).get("clientOff")).isEmpty();
        assertThat(consumer.versionsOnlyRise()).isTrue();
    }

    @Test
    void blacklistsRefuseNewRegistrationsAndRemoveExistingOnesAndGrayPushGoesThroughTheSwitch() throws Exception {
        RosterClient provider = cluster.client("provider", 0);
        provider.publish(BAD, "10.0.0.1:1");
        provider.publish(SERVICE, "10.0.0.1:1");
        await().until(() -> cluster.session(1).session().readDatum(BAD).publishers().size() == 1);

        cli(cluster.session(1), "blacklist", "add", "dataid", "com.bad.*");
        await().until(() -> cluster.session(1).session().readDatum(BAD).publishers().isEmpty());
        assertThat(cluster.session(1).session().readDatum(SERVICE).publishers()).hasSize(1);
        assertThatThrownBy(() -> provider.publish("com.bad.Payments", "10.0.0.1:1")).isInstanceOfSatisfying(
                RosterRequestException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.REFUSED))
                .hasMessageContaining("blacklisted by the operator: blacklist-dataid com.bad.*");
        cli(cluster.session(1), "blacklist", "remove", "dataid", "com.bad.*");
        // the removal reaches each session with its next heartbeat: publish once the provider's session has it
        await().until(() -> Stream.of(0, 1).allMatch(i -> cluster.session(i).session().levers().blacklistDataIds().isEmpty()));
        provider.publish("com.bad.Payments", "10.0.0.1:1");

        cli(cluster.data(1), "blacklist", "add", "ip", "127.0.0.1");
        await().until(() -> cluster.session(1).session().readDatum(SERVICE).publishers().isEmpty());
        assertThatThrownBy(() -> provider.publish("com.example.Other", "10.0.0.1:1"))
                .hasMessageContaining("blacklisted by the operator: blacklist-ip 127.0.0.1");
        cli(cluster.data(1), "blacklist", "remove", "ip", "127.0.0.1");
        await().until(() -> Stream.of(0, 1).allMatch(i -> cluster.session(i).session().levers().blacklistIps().isEmpty()));

        // gray push: with the switch off, clients at listed IPs are still pushed to
        RosterClient grayProvider = cluster.client("gray-provider", 0);
        PushRecorder grayConsumer = new PushRecorder();
        cluster.client("gray-consumer", 1).subscribe("com.example.Gray", grayConsumer::onData);
        Publication gray = grayProvider.publish("com.example.Gray", "v1");
        await().until(() -> List.of("v1").equals(grayConsumer.lastData()));
        assertThat(CapturedCli.run("push", "off", "--meta", cluster.metaServers()).exit()).isZero();
        await().until(() -> Stream.of(0, 1).noneMatch(i -> cluster.session(i).session().view().switches().pushEnabled()));
        cli(cluster.session(0), "gray-push", "add", "127.0.0.1");
        gray.republish("v2");
        await().until(() -> List.of("v2").equals(grayConsumer.lastData()));
        cli(cluster.session(0), "gray-push", "remove", "127.0.0.1");
        await().until(() -> levers(cluster.session(1)).get("grayPushIps").isEmpty()
                && cluster.session(1).session().levers().grayPushIps().isEmpty());
        gray.republish("v3");
        quietly(grayConsumer, grayConsumer.size());
        assertThat(grayConsumer.lastData()).containsExactly("v2");
        assertThat(CapturedCli.run("push", "on", "--meta", cluster.metaServers()).exit()).isZero();
        await().until(() -> List.of("v3").equals(grayConsumer.lastData()));
    }

    @Test
    void sessionStopPushWorksWithMetaDownAndBadWritesAreRefusedNamingTheProblem() throws Exception {
        RosterClient provider = cluster.client("provider", 0);
        PushRecorder consumer = new PushRecorder();
        cluster.client("consumer", 1).subscribe(SERVICE, consumer::onData);
        Publication pub = provider.publish(SERVICE, "a");
        await().until(() -> List.of("a").equals(consumer.lastData()));

        HttpResponse<String> anonymous = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://" + cluster.admin(cluster.data(0)) + "/api/levers"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"lever\":\"client-off\",\"value\":\"127.0.0.1\",\"on\":true}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.body()).contains("error");

        HttpResponse<String> badValue = post(cluster.data(0), "/api/levers", "{\"lever\":\"blacklist-ip\",\"value\":\"example.com\",\"on\":true}");
        assertThat(badValue.statusCode()).isEqualTo(400);
        assertThat(badValue.body()).contains("example.com");
        HttpResponse<String> badLever = post(cluster.data(0), "/api/levers", "{\"lever\":\"blacklist-host\",\"value\":\"10.0.0.1\",\"on\":true}");
        assertThat(badLever.statusCode()).isEqualTo(400);
        assertThat(badLever.body()).contains("blacklist-host");
        assertThat(post(cluster.data(0), "/api/session/stop-push", "{\"stopped\":true}").statusCode()).as("no session role").isEqualTo(404);

        for (int i = 0; i < 3; i++) {
            cluster.stopMeta(i);
        }
        CapturedRun stop = cli(cluster.session(1), "session", "stop-push");
        assertThat(stop.out()).contains("pushes stopped");
        int before = consumer.size();
        pub.republish("b");
        quietly(consumer, before);
        assertThat(json.readTree(HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://" + cluster.admin(cluster.session(1)) + "/health")).build(),
                HttpResponse.BodyHandlers.ofString()).body()).path("session").path("pushStopped").asBoolean()).isTrue();

        cli(cluster.session(1), "session", "start-push");
        await().until(() -> List.of("b").equals(consumer.lastData()));
    }
}
