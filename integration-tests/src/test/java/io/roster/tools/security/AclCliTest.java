package io.roster.tools.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.roster.client.RosterClient;
import io.roster.common.acl.Tokens;
import io.roster.common.config.ConfigKeys;
import io.roster.testkit.CapturedRun;
import io.roster.testkit.PushRecorder;
import io.roster.tools.CapturedCli;
import io.roster.tools.StandaloneCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * {@code roster acl ...} and {@code /api/acl} against a standalone node with an admin token and client auth on:
 * tokens made, listed by id and revoked, rules allowed and denied, all through meta's log; without the admin token
 * a change is 401 and changes nothing; a token the CLI printed lets an SDK client in, and its revocation shuts it out.
 */
@Timeout(120)
class AclCliTest {
    private static final String ADMIN_TOKEN = "admin-token-for-the-acl-test";

    @RegisterExtension
    final StandaloneCluster cluster = new StandaloneCluster().with(ConfigKeys.SECURITY_CLIENT_AUTH, true)
            .with(ConfigKeys.ADMIN_TOKEN, ADMIN_TOKEN);

    @TempDir
    Path dir;

    private String admin() {
        return "127.0.0.1:" + cluster.node().adminPort();
    }

    private CapturedRun acl(String... args) throws IOException {
        Path tokenFile = dir.resolve("admin-token");
        Files.writeString(tokenFile, ADMIN_TOKEN + "\n");
        List<String> all = new ArrayList<>(List.of("acl"));
        all.addAll(Arrays.asList(args));
        all.addAll(List.of("--admin", admin(), "--token-file", tokenFile.toString()));
        return CapturedCli.run(all.toArray(String[]::new));
    }

    private HttpResponse<String> http(String method, String body, String bearer) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://" + admin() + "/api/acl")).timeout(Duration.ofSeconds(10));
        if (bearer != null) {
            b.header("Authorization", "Bearer " + bearer);
        }
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void tokensAndRulesThroughTheCliLetAClientInAndRevocationShutsItOut() throws Exception {
        CapturedRun created = acl("token", "create", "orders");
        assertThat(created.exit()).as(created.toString()).isZero();
        String token = created.out().trim();
        assertThat(token).matches("[A-Za-z0-9_-]{43}");
        assertThat(acl("allow", "orders", "publish", "com.shop.*").exit()).isZero();
        CapturedRun sub = acl("allow", "orders", "subscribe", "com.shop.*");
        assertThat(sub.exit()).as(sub.toString()).isZero();
        assertThat(sub.out()).contains("allow orders publish com.shop.*", "allow orders subscribe com.shop.*");

        CapturedRun list = acl("list", "--output", "json");
        assertThat(list.exit()).as(list.toString()).isZero();
        JsonNode json = new ObjectMapper().readTree(list.out());
        assertThat(json.path("tokens")).hasSize(1);
        String id = json.path("tokens").get(0).path("id").asText();
        assertThat(id).hasSize(12);
        assertThat(list.out()).doesNotContain(token);
        assertThat(json.path("rules")).hasSize(2);

        long version = json.path("version").asLong();
        await().until(() -> cluster.node().session().view().acl().version() >= version);
        RosterClient client = cluster.track(RosterClient.builder().sessions(cluster.sessionAddress())
                .credentials("orders", token).connectTimeout(Duration.ofSeconds(10)).build());
        PushRecorder pushes = new PushRecorder();
        client.subscribe("com.shop.orders.Api", pushes::onData);
        client.publish("com.shop.orders.Api", "10.0.0.1:8080");
        await().until(() -> List.of("10.0.0.1:8080").equals(pushes.lastData()));

        CapturedRun deny = acl("deny", "orders", "subscribe", "com.shop.*");
        assertThat(deny.exit()).as(deny.toString()).isZero();
        assertThat(deny.out()).doesNotContain("allow orders subscribe");
        CapturedRun revoke = acl("token", "revoke", "orders", id);
        assertThat(revoke.exit()).as(revoke.toString()).isZero();
        assertThat(revoke.out()).contains("orders", id, "revoked");
        await().until(() -> cluster.node().session().view().acl().authenticationRefusal("orders",
                Tokens.hash(token)) != null);
        RosterClient late = cluster.track(RosterClient.builder().sessions(cluster.sessionAddress())
                .credentials("orders", token).connectTimeout(Duration.ofSeconds(10)).build());
        assertThatThrownBy(() -> late.publish("com.shop.orders.Api", "10.0.0.2:1"))
                .hasMessageContaining("was revoked");

        CapturedRun bad = acl("allow", "orders", "write", "x");
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err()).contains("'write' is not an ACL action");
    }

    @Test
    void withoutTheAdminTokenAChangeIs401AndChangesNothing() throws Exception {
        HttpResponse<String> anonymous = http("POST", "{\"op\":\"token-create\",\"app\":\"orders\"}", null);
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(http("POST", "{\"op\":\"allow\",\"app\":\"orders\",\"action\":\"publish\",\"pattern\":\"*\"}", "wrong-token-value-123")
                .statusCode()).isEqualTo(401);
        CapturedRun cli = CapturedCli.run("acl", "allow", "orders", "publish", "*", "--admin", admin());
        assertThat(cli.exit()).isEqualTo(1);
        assertThat(cli.err()).contains("401");

        HttpResponse<String> read = http("GET", null, null); // a read: open unless admin.read-token-required
        assertThat(read.statusCode()).isEqualTo(200);
        JsonNode acl = new ObjectMapper().readTree(read.body());
        assertThat(acl.path("tokens")).isEmpty();
        assertThat(acl.path("rules")).isEmpty();

        HttpResponse<String> badBody = http("POST", "{\"op\":\"allow\",\"app\":\"orders\",\"action\":\"publish\",\"pattern\":\"a b\"}", ADMIN_TOKEN);
        assertThat(badBody.statusCode()).isEqualTo(400);
        assertThat(badBody.body()).contains("not a dataId pattern");
        HttpResponse<String> created = http("POST", "{\"op\":\"token-create\",\"app\":\"orders\"}", ADMIN_TOKEN);
        assertThat(created.statusCode()).isEqualTo(200);
        assertThat(new ObjectMapper().readTree(created.body()).path("created").path("token").asText()).hasSize(43);
    }
}
