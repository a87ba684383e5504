package io.roster.tools.server;

import io.roster.common.config.ConfigException;
import io.roster.common.config.RosterConfig;
import io.roster.tools.admin.AdminCallException;
import io.roster.tools.admin.AdminClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The admin port's token rules, over a real HTTP server: writes need the token, reads only when configured. */
class AdminAccessTest {
    private static final String TOKEN = "0123456789abcdef-token";
    private AdminHttpServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private String start(AdminAccess access) {
        server = new AdminHttpServer("127.0.0.1", 0, access)
                .routeOpen("/health", q -> Map.of("status", "UP"))
                .route("/api/thing", q -> Map.of("read", q.getOrDefault("x", "")))
                .routePost("/api/thing", (q, body) -> Map.of("wrote", body));
        server.start();
        return "127.0.0.1:" + server.port();
    }

    @Test
    void aWriteWithoutTheTokenIs401AndWithItIsServed() {
        String address = start(new AdminAccess(TOKEN, false));
        AdminClient none = new AdminClient(address, null, Duration.ofSeconds(5));
        assertThatThrownBy(() -> none.post("/api/thing", Map.of("a", 1)))
                .isInstanceOf(AdminCallException.class)
                .hasMessageContaining("401").hasMessageContaining("missing admin token")
                .hasMessageContaining("ROSTER_ADMIN_TOKEN")
                .satisfies(e -> assertThat(((AdminCallException) e).status()).isEqualTo(401));
        AdminClient wrong = new AdminClient(address, "not-the-token-at-all", Duration.ofSeconds(5));
        assertThatThrownBy(() -> wrong.post("/api/thing", Map.of("a", 1))).hasMessageContaining("401").hasMessageContaining("wrong admin token");
        AdminClient right = new AdminClient(address, TOKEN, Duration.ofSeconds(5));
        assertThat(right.post("/api/thing", Map.of("a", 1)).get("wrote").asText()).isEqualTo("{\"a\":1}");
        assertThat(none.get("/api/thing", Map.of("x", "y")).get("read").asText()).isEqualTo("y");
    }

    @Test
    void withoutAConfiguredTokenEveryWriteIsRefused() {
        String address = start(new AdminAccess(null, false));
        AdminClient any = new AdminClient(address, TOKEN, Duration.ofSeconds(5));
        assertThatThrownBy(() -> any.post("/api/thing", Map.of())).hasMessageContaining("403")
                .hasMessageContaining("no admin token is configured");
    }

    @Test
    void readsNeedTheTokenWhenConfiguredButHealthNever() throws Exception {
        String address = start(new AdminAccess(TOKEN, true));
        AdminClient none = new AdminClient(address, null, Duration.ofSeconds(5));
        assertThatThrownBy(() -> none.get("/api/thing", Map.of())).hasMessageContaining("401");
        assertThat(none.get("/health", Map.of()).get("status").asText()).isEqualTo("UP");
        assertThat(new AdminClient(address, TOKEN, Duration.ofSeconds(5)).get("/api/thing", Map.of()).has("read")).isTrue();
        HttpResponse<String> raw = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://" + address + "/api/thing")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(raw.statusCode()).isEqualTo(401);
        assertThat(raw.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
    }

    @Test
    void anOversizedBodyIs413AndAnUnknownMethod405() throws Exception {
        String address = start(new AdminAccess(TOKEN, false));
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> big = http.send(HttpRequest.newBuilder(URI.create("http://" + address + "/api/thing"))
                .header("Authorization", "Bearer " + TOKEN)
                .POST(HttpRequest.BodyPublishers.ofString("x".repeat(AdminHttpServer.MAX_BODY_BYTES + 1))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(big.statusCode()).isEqualTo(413);
        HttpResponse<String> put = http.send(HttpRequest.newBuilder(URI.create("http://" + address + "/api/thing"))
                .PUT(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(put.statusCode()).isEqualTo(405);
        HttpResponse<String> postOnRead = http.send(HttpRequest.newBuilder(URI.create("http://" + address + "/health"))
                .header("Authorization", "Bearer " + TOKEN).POST(HttpRequest.BodyPublishers.ofString("x")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(postOnRead.statusCode()).isEqualTo(405);
    }

    @Test
    void theTokenComesFromTheConfigOrAFileAndBadSettingsAreNamed(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("admin.token");
        Files.writeString(file, TOKEN + "\n");
        assertThat(AdminAccess.from(config("admin.token-file", file.toString())).writesEnabled()).isTrue();
        assertThat(AdminAccess.from(config("admin.token", TOKEN)).writesEnabled()).isTrue();
        assertThat(AdminAccess.from(RosterConfig.defaults()).writesEnabled()).isFalse();
        assertThatThrownBy(() -> AdminAccess.from(config("admin.token", "short"))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("at least 16");
        assertThatThrownBy(() -> AdminAccess.from(config("admin.token-file", dir.resolve("missing").toString())))
                .isInstanceOf(ConfigException.class).hasMessageContaining("admin.token-file");
        assertThatThrownBy(() -> AdminAccess.from(RosterConfig.builder().set("admin.token", TOKEN, "test")
                .set("admin.token-file", file.toString(), "test").build())).hasMessageContaining("not both");
        assertThatThrownBy(() -> AdminAccess.from(config("admin.read-token-required", "true")))
                .hasMessageContaining("no admin token is set");
    }

    @Test
    void theAdminPortBindsLoopbackUnlessToldOtherwise() {
        assertThat(AdminAccess.bindAddress(RosterConfig.defaults())).isEqualTo("127.0.0.1");
        assertThat(AdminAccess.bindAddress(config("roster.host", "127.0.0.2"))).isEqualTo("127.0.0.2");
        assertThat(AdminAccess.bindAddress(config("roster.host", "10.1.2.3"))).isEqualTo("127.0.0.1");
        assertThat(AdminAccess.bindAddress(config("admin.bind", "0.0.0.0"))).isEqualTo("0.0.0.0");
    }

    private static RosterConfig config(String key, String value) {
        return RosterConfig.builder().set(key, value, "test").build();
    }
}
