package io.roster.tools.server;

import io.roster.common.config.RosterConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The console's files, redirect and path checks, over a real admin HTTP server. */
class ConsoleEndpointsTest {
    private static final String TOKEN = "0123456789abcdef-token";
    private AdminHttpServer server;
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private void start(RosterConfig config) {
        server = new AdminHttpServer("127.0.0.1", 0, new AdminAccess(TOKEN, false));
        new ConsoleEndpoints(config).registerOn(server);
        server.start();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The status line and headers of a request sent byte for byte, so no client tidies the path first. */
    private String raw(String path) throws Exception {
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void servesTheConsoleFilesWithTheirContentTypes() throws Exception {
        start(RosterConfig.defaults());
        HttpResponse<String> index = get("/console/");
        assertThat(index.statusCode()).isEqualTo(200);
        assertThat(index.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(index.headers().firstValue("Content-Security-Policy").orElse("")).contains("default-src 'self'");
        assertThat(index.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(index.body()).contains("<script src=\"app.js\"", "id=\"slot-grid\"", "id=\"admin-token\"");
        assertThat(get("/console/index.html").body()).isEqualTo(index.body());
        HttpResponse<String> js = get("/console/app.js");
        assertThat(js.headers().firstValue("Content-Type")).hasValue("text/javascript; charset=utf-8");
        assertThat(js.body()).contains("Authorization", "sessionStorage");
        assertThat(get("/console/style.css").headers().firstValue("Content-Type")).hasValue("text/css; charset=utf-8");
    }

    @Test
    void theRootRedirectsToTheConsoleAndOtherPathsAre404() throws Exception {
        start(RosterConfig.defaults());
        for (String path : new String[] {"/", "/console"}) {
            HttpResponse<String> root = get(path);
            assertThat(root.statusCode()).as(path).isEqualTo(302);
            assertThat(root.headers().firstValue("Location")).as(path).hasValue("/console/");
        }
        HttpResponse<String> unknown = get("/no/such/thing");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).contains("\"error\"", "no such endpoint: /no/such/thing");
        assertThat(get("/no/%22such%0A").body()).as("still JSON").isEqualTo("{\"error\":\"no such endpoint: /no/\\\"such\\n\"}");
        assertThat(get("/console/nope.js").statusCode()).isEqualTo(404);
    }

    @Test
    void noPathLeavesTheConsoleDirectory() throws Exception {
        start(RosterConfig.defaults());
        // console-outside.js is on the class path next to console/, and class files are too
        assertThat(ConsoleEndpointsTest.class.getClassLoader().getResource("console-outside.js")).isNotNull();
        for (String path : new String[] {"/console/../console-outside.js", "/console/%2e%2e/console-outside.js",
                "/console/..%2fconsole-outside.js", "/console/%2e%2e%2fconsole-outside.js", "/console/..\\console-outside.js",
                "/console/./index.html", "/console//index.html", "/console/io/roster/tools/server/ConsoleEndpoints.class",
                "/console/../io/roster/tools/server/ConsoleEndpoints.class", "/console/%2fetc%2fpasswd",
                "/console/index.html%00.js", "/console/.hidden.js"}) {
            String answer = raw(path);
            // 404 from the console, or 400 where the JDK server refuses the request line itself
            assertThat(answer).as(path).matches("(?s)HTTP/1\\.1 40[04] .*").doesNotContain("must never be served");
        }
        assertThat(raw("/console/index.html")).startsWith("HTTP/1.1 200");
    }

    @Test
    void anUnknownWriteNeedsTheTokenBeforeItIsTold404() throws Exception {
        start(RosterConfig.defaults());
        URI uri = URI.create("http://127.0.0.1:" + server.port() + "/api/not-here");
        HttpResponse<String> none = http.send(HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.body()).contains("missing admin token");
        HttpResponse<String> with = http.send(HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + TOKEN)
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(with.statusCode()).isEqualTo(404);
    }

    @Test
    void theClusterOverviewIs503WhenNoMetaAnswers() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        start(RosterConfig.builder().set("meta.servers", "127.0.0.1:" + closed, "test").set("rpc.timeout-ms", "500", "test").build());
        HttpResponse<String> cluster = get("/api/cluster");
        assertThat(cluster.statusCode()).isEqualTo(503);
        assertThat(cluster.body()).contains("no meta leader answered");
    }
}
