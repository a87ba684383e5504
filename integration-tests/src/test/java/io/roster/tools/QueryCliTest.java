package io.roster.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.roster.client.RosterClient;
import io.roster.common.config.ConfigKeys;
import io.roster.testkit.CapturedRun;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 16, the query commands against a standalone node whose admin port needs the token for reads too
 * (admin.read-token-required): text tables by default, the API's JSON with --output json, paging, a clear 401
 * without the token (HTTP and CLI), and bad options named.
 */
@Timeout(120)
class QueryCliTest {
    private static final String TOKEN = "query-cli-test-token-0123456789";

    @RegisterExtension
    final StandaloneCluster cluster = new StandaloneCluster()
            .with(ConfigKeys.ADMIN_TOKEN, TOKEN)
            .with(ConfigKeys.ADMIN_READ_TOKEN_REQUIRED, true);

    @TempDir
    Path dir;
    private Path tokenFile;
    private final ObjectMapper json = new ObjectMapper();

    @BeforeEach
    void registrations() throws Exception {
        tokenFile = Files.writeString(dir.resolve("token"), TOKEN + "\n");
        RosterClient orders = cluster.client("orders");
        orders.publish("svc.cli", "10.9.0.1:8080");
        orders.publish("svc.cli", "10.9.0.2:8080");
        cluster.client("web").subscribe("svc.cli", (dataInfoId, data, version) -> {
        });
        await().until(() -> cluster.node().session().subscriberCount() == 1);
    }

    private CapturedRun roster(String... args) {
        String[] all = new String[args.length + 4];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--admin";
        all[args.length + 1] = "127.0.0.1:" + cluster.node().adminPort();
        all[args.length + 2] = "--token-file";
        all[args.length + 3] = tokenFile.toString();
        return CapturedCli.run(all);
    }

    @Test
    void theQueryCommandsPrintTablesAndTheApisJson() throws Exception {
        CapturedRun services = roster("services");
        assertThat(services.exit()).as(services.toString()).isZero();
        assertThat(services.out()).contains("DATAID", "PUBLISHERS", "SUBSCRIBERS").containsPattern("svc\\.cli\\s+DEFAULT_GROUP\\s+2\\s+1")
                .contains("1-1 of 1");

        CapturedRun publishers = roster("publishers", "svc.cli");
        assertThat(publishers.exit()).as(publishers.toString()).isZero();
        assertThat(publishers.out()).contains("CLIENT", "APP", "SESSION", "CONNECTED", "orders", cluster.sessionAddress(),
                "10.9.0.1:8080", "10.9.0.2:8080", "1-2 of 2").containsPattern("127\\.0\\.0\\.1:\\d+");

        CapturedRun asJson = roster("publishers", "svc.cli", "--output", "json", "--limit", "1", "--offset", "1");
        assertThat(asJson.exit()).as(asJson.toString()).isZero();
        JsonNode page = json.readTree(asJson.out());
        assertThat(page.get("total").asInt()).isEqualTo(2);
        assertThat(page.get("offset").asInt()).isEqualTo(1);
        assertThat(page.get("items")).hasSize(1);
        assertThat(page.get("items").get(0).get("app").asText()).isEqualTo("orders");
        assertThat(page.get("items").get(0).get("session").asText()).isEqualTo(cluster.sessionAddress());
        assertThat(page.get("missingSessions")).isEmpty();

        CapturedRun subscribers = roster("subscribers", "svc.cli");
        assertThat(subscribers.out()).contains("web", "PUSHED", "1-1 of 1");
        CapturedRun connections = roster("connections", "--session", cluster.sessionAddress());
        assertThat(connections.out()).contains("CLIENT ID", "orders", "web", "1-2 of 2");
        CapturedRun byIp = roster("registrations", "--ip", "127.0.0.1", "--json");
        assertThat(json.readTree(byIp.out()).get("total").asInt()).isEqualTo(3);
        CapturedRun byApp = roster("registrations", "--app", "web");
        assertThat(byApp.out()).contains("subscriber", "svc.cli#@#DEFAULT_INSTANCE_ID#@#DEFAULT_GROUP", "1-1 of 1");
    }

    @Test
    void withoutTheTokenAReadIs401AndBadOptionsAreNamed() throws Exception {
        HttpResponse<String> http = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + cluster.node().adminPort() + "/api/services")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(http.statusCode()).isEqualTo(401);

        CapturedRun noToken = CapturedCli.run("services", "--admin", "127.0.0.1:" + cluster.node().adminPort());
        assertThat(noToken.exit()).isEqualTo(1);
        assertThat(noToken.err()).contains("roster services:", "401", "ROSTER_ADMIN_TOKEN");

        CapturedRun badLimit = roster("services", "--limit", "5000");
        assertThat(badLimit.exit()).isEqualTo(1);
        assertThat(badLimit.err()).contains("400", "limit");
        CapturedRun badIp = roster("registrations", "--ip", "somehost");
        assertThat(badIp.err()).contains("400", "ip");
        CapturedRun neither = roster("registrations");
        assertThat(neither.exit()).isEqualTo(2);
        assertThat(neither.err()).contains("--ip", "--app");
    }
}
