package io.roster.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.roster.client.RosterClient;
import io.roster.testkit.PushRecorder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@Timeout(120)
class AdminHttpTest {
    @RegisterExtension
    final StandaloneCluster cluster = new StandaloneCluster();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + cluster.node().adminPort() + path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void healthNodesSlotsAndDatumAnswerJson() throws Exception {
        JsonNode health = json.readTree(get("/health").body());
        assertThat(health.get("status").asText()).isEqualTo("UP");
        assertThat(health.get("meta").get("leader").asBoolean()).isTrue();

        JsonNode nodes = json.readTree(get("/api/nodes").body());
        assertThat(nodes.get("data")).hasSize(1);
        assertThat(nodes.get("session")).hasSize(1);

        JsonNode slots = json.readTree(get("/api/slots").body());
        assertThat(slots.get("slotCount").asInt()).isEqualTo(256);
        assertThat(slots.get("epoch").asLong()).isPositive();
        assertThat(slots.get("slots").get(0).get("leader").asText()).isEqualTo(cluster.node().data().address());

        try (RosterClient c = RosterClient.builder().sessions(cluster.sessionAddress()).appName("web").build()) {
            c.publish("svc.http", "10.0.0.1:80");
            await().until(() -> get("/api/datum?dataId=svc.http").body().contains("10.0.0.1:80"));
            JsonNode datum = json.readTree(get("/api/datum?dataId=svc.http").body());
            assertThat(datum.get("publishers").get(0).get("appName").asText()).isEqualTo("web");
            assertThat(datum.get("publishers").get(0).get("connectionGeneration").asLong()).as("the client's first connection").isEqualTo(1);
            assertThat(datum.get("version").asLong()).isPositive();
        }
    }

    @Test
    void metricsArePrometheusTextWithThePushFigures() throws Exception {
        PushRecorder listener = new PushRecorder();
        cluster.client("consumer").subscribe("svc.metrics", listener::onData);
        cluster.client("provider").publish("svc.metrics", "10.0.0.1:80");
        await().until(() -> List.of("10.0.0.1:80").equals(listener.lastData()));

        HttpResponse<String> metrics = get("/metrics");
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
        await().untilAsserted(() -> assertThat(get("/metrics").body())
                .contains("session_push_acked", "session_push_bytes", "session_push_latency_ms", "session_publishers 1.0",
                        "session_subscribers 1.0", "session_clients 2.0"));
        assertThat(get("/metrics").body()).containsPattern("(?m)^session_push_acked(_total)? [1-9]");
    }

    @Test
    void badQueriesGetAClearError() throws Exception {
        HttpResponse<String> missing = get("/api/datum");
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(missing.body()).contains("dataId is required");
        HttpResponse<String> bad = get("/api/datum?dataId=a%0Ab");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("control or white-space");
        assertThat(get("/api/nope").statusCode()).isEqualTo(404);
    }
}
