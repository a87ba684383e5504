package io.roster.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.roster.client.ApplicationMetadata;
import io.roster.client.ApplicationPublication;
import io.roster.testkit.CapturedRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * NEEDS THE MERGED PARTS of issue 15 (meta answering RevisionCatalogRequest, sessions taking revision registrations
 * and application publishes, the SDK's publishApplication): roster apps / app / interface and their admin endpoints
 * on two instances of one application published application-level and one interface-level publisher.
 */
@Timeout(120)
class AppViewsEndToEndTest {
    private static final String ECHO = "com.example.Echo#@#DEFAULT_INSTANCE_ID#@#DEFAULT_GROUP";

    @RegisterExtension
    final StandaloneCluster cluster = new StandaloneCluster();
    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private JsonNode cli(String... args) throws Exception {
        String[] full = new String[args.length + 3];
        System.arraycopy(args, 0, full, 0, args.length);
        full[args.length] = "--json";
        full[args.length + 1] = "--meta";
        full[args.length + 2] = cluster.metaAddress();
        CapturedRun run = CapturedCli.run(full);
        assertThat(run.exit()).as(run.toString()).isZero();
        return json.readTree(run.out());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + cluster.node().adminPort() + path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void appsAppAndInterfaceShowTheCatalogTheInstancesAndTheInterfaceLevelPublishers() throws Exception {
        ApplicationMetadata metadata = ApplicationMetadata.builder()
                .addInterface("com.example.Echo", Map.of("timeout", "3000"))
                .addInterface("com.example.Ping", Map.of())
                .build();
        ApplicationPublication first = cluster.client("orders").publishApplication("orders", "10.0.0.1:12200", metadata);
        cluster.client("orders").publishApplication("orders", "10.0.0.2:12200",
                ApplicationMetadata.builder().addInterface("com.example.Echo", Map.of("timeout", "3000"))
                        .addInterface("com.example.Ping", Map.of()).instanceParam("weight", "5").build());
        cluster.client("legacy").publish("com.example.Echo", "10.0.0.9:80");

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode apps = cli("apps").get("apps");
            assertThat(apps).hasSize(1);
            assertThat(apps.get(0).get("app").asText()).isEqualTo("orders");
            assertThat(apps.get(0).get("revisions").asInt()).isEqualTo(1);
            assertThat(apps.get(0).get("interfaces").asInt()).isEqualTo(2);
            assertThat(apps.get(0).get("instances").asInt()).isEqualTo(2);
        });
        CapturedRun text = CapturedCli.run("apps", "--meta", cluster.metaAddress());
        assertThat(text.out()).containsPattern("orders\\s+1\\s+2\\s+2");

        JsonNode app = cli("app", "orders");
        assertThat(app.get("instances")).hasSize(2);
        assertThat(app.get("instances").toString()).contains("10.0.0.1:12200", "10.0.0.2:12200", "\"weight\":\"5\"",
                first.revision());
        assertThat(app.get("revisions").get(0).get("digest").asText()).isEqualTo(first.revision());
        assertThat(app.get("revisions").get(0).get("instances").asInt()).isEqualTo(2);
        assertThat(app.get("revisions").get(0).get("interfaces").toString()).contains(ECHO, "\"timeout\":\"3000\"");
        assertThat(CapturedCli.run("app", "orders", "--meta", cluster.metaAddress()).out())
                .contains("app orders: 2 instance(s), 1 live revision(s)", "10.0.0.2:12200", "weight=5");

        JsonNode iface = cli("interface", "com.example.Echo");
        assertThat(iface.get("interface").asText()).isEqualTo(ECHO);
        assertThat(iface.get("apps").get(0).get("app").asText()).isEqualTo("orders");
        assertThat(iface.get("apps").get(0).get("instances").toString())
                .contains("10.0.0.1:12200?timeout=3000", "10.0.0.2:12200?timeout=3000&weight=5");
        assertThat(iface.get("publishers")).hasSize(1);
        assertThat(iface.get("publishers").get(0).get("items").get(0).asText()).isEqualTo("10.0.0.9:80");

        CapturedRun nobody = CapturedCli.run("app", "nobody", "--meta", cluster.metaAddress());
        assertThat(nobody.exit()).isEqualTo(1);
        assertThat(nobody.err()).startsWith("roster app: no application nobody");

        JsonNode httpApps = json.readTree(get("/api/apps").body());
        assertThat(httpApps.get("apps").get(0).get("instances").asInt()).isEqualTo(2);
        JsonNode httpApp = json.readTree(get("/api/app?name=orders").body());
        assertThat(httpApp).isEqualTo(app);
        assertThat(json.readTree(get("/api/interface?dataId=com.example.Echo").body())).isEqualTo(iface);
        assertThat(get("/api/app?name=nobody").statusCode()).isEqualTo(404);

        first.unpublish();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(cli("apps").get("apps").get(0).get("instances").asInt()).isEqualTo(1));
    }
}
