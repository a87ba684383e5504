package io.roster.tools.replication;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.roster.client.RosterClient;
import io.roster.common.config.ConfigKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 16, the query API on a cluster of one meta, one data node and two sessions with clients on each: the meta
 * node's admin port asks both sessions and merges their answers (counts summed, each publisher with the address,
 * app, session and connection time its session saw), pages are disjoint and cover the whole, a session that is down
 * is named in missingSessions, and bad parameters are 400s naming the parameter.
 */
@Timeout(120)
class QueryApiClusterTest extends ClusterTestBase {
    private static final String SVC = "svc.query";
    private static final String SVC_ID = SVC + Registrations.SUFFIX;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();

    private HttpResponse<String> get(String pathAndQuery) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + cluster.metaAdminPort() + pathAndQuery))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode ok(String pathAndQuery) throws Exception {
        HttpResponse<String> r = get(pathAndQuery);
        assertThat(r.statusCode()).as(pathAndQuery + ": " + r.body()).isEqualTo(200);
        return json.readTree(r.body());
    }

    @Test
    void theAdminPortMergesEverySessionsRegistrations() throws Exception {
        // A long lease: the stopped session stays in meta's node list while the test asks.
        cluster = clusters.start(1, 2, Map.of(ConfigKeys.LEASE_DURATION_MS, "20000"));
        String s0 = cluster.sessionAddress(0), s1 = cluster.sessionAddress(1);
        Instant before = Instant.now();
        RosterClient orders = clients.connect("orders", s0);
        RosterClient billing = clients.connect("billing", s1);
        RosterClient web = clients.connect("web", s1);
        orders.publish(SVC, "10.1.0.1:8080");
        orders.publish(SVC, "10.1.0.2:8080");
        billing.publish(SVC, "10.2.0.1:8080");
        for (int i = 0; i < 5; i++) {
            billing.publish("svc.other." + i, "x");
        }
        web.subscribe(SVC, (dataInfoId, data, version) -> {
        });
        orders.subscribe(SVC, (dataInfoId, data, version) -> {
        });

        // subscribe returns before the session stored the subscriber
        await().atMost(ReplicationCluster.SETTLE).untilAsserted(() -> assertThat(
                ok("/api/services?prefix=svc.query").get("items").get(0).get("subscribers").asInt()).isEqualTo(2));
        JsonNode services = ok("/api/services?prefix=svc.query");
        assertThat(services.get("total").asInt()).isEqualTo(1);
        JsonNode svc = services.get("items").get(0);
        assertThat(svc.get("dataInfoId").asText()).isEqualTo(SVC_ID);
        assertThat(svc.get("dataId").asText()).isEqualTo(SVC);
        assertThat(svc.get("group").asText()).isEqualTo("DEFAULT_GROUP");
        assertThat(svc.get("publishers").asInt()).as("2 on s0 + 1 on s1").isEqualTo(3);
        assertThat(svc.get("subscribers").asInt()).as("1 on each session").isEqualTo(2);
        assertThat(services.get("missingSessions")).isEmpty();
        assertThat(ok("/api/services").get("total").asInt()).isEqualTo(6);

        JsonNode publishers = ok("/api/publishers?dataId=" + SVC);
        assertThat(publishers.get("total").asInt()).isEqualTo(3);
        List<String> sessions = new ArrayList<>();
        for (JsonNode p : publishers.get("items")) {
            sessions.add(p.get("session").asText());
            boolean onS0 = p.get("session").asText().equals(s0);
            assertThat(p.get("app").asText()).isEqualTo(onS0 ? "orders" : "billing");
            assertThat(p.get("clientAddress").asText()).matches("127\\.0\\.0\\.1:\\d+");
            assertThat(p.get("clientId").asText()).isNotEmpty();
            assertThat(p.get("dataInfoId").asText()).isEqualTo(SVC_ID);
            Instant connectedAt = Instant.parse(p.get("connectedAt").asText());
            assertThat(connectedAt).isBetween(before.minusSeconds(1), Instant.now());
            assertThat(p.get("version").asLong()).isPositive();
            assertThat(p.get("dataItems").get(0).asText()).startsWith(onS0 ? "10.1.0." : "10.2.0.");
            assertThat(p.get("off").asBoolean()).isFalse();
        }
        assertThat(sessions).as("sorted by dataInfoId, then session").isSorted().contains(s0, s1);

        JsonNode subscribers = ok("/api/subscribers?dataId=" + SVC + "&group=DEFAULT_GROUP");
        assertThat(subscribers.get("items")).extracting(n -> n.get("app").asText()).containsExactlyInAnyOrder("web", "orders");
        assertThat(subscribers.get("items").get(0).has("pushedVersion")).isTrue();
        assertThat(ok("/api/subscribers?dataId=" + SVC + "&group=OTHER").get("total").asInt()).isZero();

        JsonNode connections = ok("/api/connections");
        assertThat(connections.get("total").asInt()).isEqualTo(3);
        JsonNode onS1 = ok("/api/connections?session=" + s1);
        assertThat(onS1.get("items")).extracting(n -> n.get("app").asText()).containsExactlyInAnyOrder("billing", "web");
        JsonNode byApp = ok("/api/registrations?app=orders");
        assertThat(byApp.get("items")).extracting(n -> n.get("kind").asText())
                .containsExactlyInAnyOrder("publisher", "publisher", "subscriber");
        assertThat(ok("/api/registrations?ip=127.0.0.1").get("total").asInt()).isEqualTo(3 + 5 + 2);

        // Paging: disjoint pages that together are the whole, in order.
        JsonNode whole = ok("/api/registrations?ip=127.0.0.1&limit=1000");
        List<String> all = new ArrayList<>();
        whole.get("items").forEach(n -> all.add(n.get("session").asText() + "/" + n.get("registerId").asText()));
        List<String> paged = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int offset = 0; offset < 10; offset += 3) {
            JsonNode page = ok("/api/registrations?ip=127.0.0.1&offset=" + offset + "&limit=3");
            assertThat(page.get("offset").asInt()).isEqualTo(offset);
            assertThat(page.get("limit").asInt()).isEqualTo(3);
            page.get("items").forEach(n -> {
                String key = n.get("session").asText() + "/" + n.get("registerId").asText();
                assertThat(seen.add(key)).as("pages are disjoint: " + key).isTrue();
                paged.add(key);
            });
        }
        assertThat(paged).hasSize(10).isEqualTo(all);
        assertThat(ok("/api/services?offset=4&limit=5").get("items")).hasSize(2);

        // Bad parameters: 400 naming the parameter.
        assertBad("/api/publishers", "dataId");
        assertBad("/api/publishers?dataId=" + SVC + "&limit=0", "limit");
        assertBad("/api/services?limit=1001", "limit");
        assertBad("/api/services?offset=-1", "offset");
        assertBad("/api/services?limit=x", "limit");
        assertBad("/api/registrations", "ip or app");
        assertBad("/api/registrations?ip=not.an.ip", "ip");
        assertBad("/api/registrations?ip=10.0.0.256", "ip");
        assertBad("/api/connections?session=nope", "session");
        assertThat(get("/api/connections?session=127.0.0.1:1").statusCode()).isEqualTo(404);

        // A session that is down: the others still answer, and it is named.
        cluster.stopSession(1);
        JsonNode partial = ok("/api/publishers?dataId=" + SVC);
        assertThat(partial.get("missingSessions")).extracting(JsonNode::asText).containsExactly(s1);
        assertThat(partial.get("items")).extracting(n -> n.get("session").asText()).containsOnly(s0);
        assertThat(partial.get("total").asInt()).isEqualTo(2);
        cluster.stopSession(0);
        HttpResponse<String> none = get("/api/services");
        assertThat(none.statusCode()).as(none.body()).isEqualTo(503);
        assertThat(none.body()).contains("no session answered");
    }

    private void assertBad(String pathAndQuery, String names) throws Exception {
        HttpResponse<String> r = get(pathAndQuery);
        assertThat(r.statusCode()).as(pathAndQuery + ": " + r.body()).isEqualTo(400);
        assertThat(json.readTree(r.body()).get("error").asText()).as(pathAndQuery).contains(names);
    }
}
