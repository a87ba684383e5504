package io.roster.tools.server;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.roster.common.model.InvalidInputException;
import io.roster.testkit.fuzz.FuzzInputs;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The admin port's inputs: query parameters as {@link AdminHttpServer#query} decodes them, and whole requests (query
 * and JSON body) sent over a socket to a real server whose POST handler reads the body as the levers' will. A bad
 * parameter or body is answered 400 (or 413 past the body cap); a 500, a hang or a dropped connection is a finding.
 */
class AdminHttpFuzzTest {
    private static final String TOKEN = "fuzz-admin-token-0123456789";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static AdminHttpServer server;

    @FuzzTest(maxDuration = "2h")
    void queryParameters(byte[] input) {
        String raw = new String(input, StandardCharsets.UTF_8);
        Map<String, String> params;
        try {
            params = AdminHttpServer.query(raw);
        } catch (InvalidInputException refused) {
            assertThat(refused.getMessage()).contains("bad query parameter");
            return;
        }
        assertThat(params.keySet()).doesNotContainNull();
    }

    /** Input: the query string up to the first NUL byte (CR, LF, space and '#' dropped: they end a request line), then the body. */
    @FuzzTest(maxDuration = "2h")
    void requestOverHttp(byte[] input) throws IOException {
        int nul = indexOf(input, (byte) 0);
        byte[] query = nul < 0 ? input : Arrays.copyOf(input, nul);
        byte[] body = nul < 0 ? new byte[0] : Arrays.copyOfRange(input, nul + 1, input.length);
        String q = new String(query, StandardCharsets.ISO_8859_1).replaceAll("[\\r\\n #\\x00-\\x1f\\x7f-\\xff]", "");
        int post = status("POST", q, body);
        assertThat(post).as("POST ?%s", q).isIn(200, 400, 413);
        int get = status("GET", q, new byte[0]);
        assertThat(get).as("GET ?%s", q).isIn(200, 400);
    }

    @Test
    void theCorpusHoldsValidRequests() throws IOException {
        byte[] lever = "name=push-pause&until=2026-12-31T00%3A00%3A00Z\0{\"lever\":\"push.pause\",\"on\":true,\"reason\":\"incident 42\"}"
                .getBytes(StandardCharsets.UTF_8);
        byte[] query = "dataInfoId=com.example.Echo%23%40%23DEFAULT_INSTANCE_ID%23%40%23DEFAULT_GROUP&limit=10&x"
                .getBytes(StandardCharsets.UTF_8);
        FuzzInputs http = FuzzInputs.of(AdminHttpFuzzTest.class, "requestOverHttp");
        FuzzInputs params = FuzzInputs.of(AdminHttpFuzzTest.class, "queryParameters");
        http.writeSeedIfAsked("valid-post", lever);
        params.writeSeedIfAsked("valid-query", query);
        assertThat(http.contains(lever)).isTrue();
        assertThat(params.contains(query)).isTrue();
        assertThat(status("POST", "name=push-pause", Arrays.copyOfRange(lever, indexOf(lever, (byte) 0) + 1, lever.length))).isEqualTo(200);
        assertThat(status("POST", "a=%zz", new byte[0])).isEqualTo(400);
        assertThat(status("POST", "", "{".getBytes(StandardCharsets.UTF_8))).isEqualTo(400);
        assertThat(status("POST", "", new byte[AdminHttpServer.MAX_BODY_BYTES + 1])).isEqualTo(413);
        requestOverHttp(lever);
        queryParameters(query);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
            server = null;
        }
    }

    private static synchronized int port() {
        if (server == null) {
            server = new AdminHttpServer("127.0.0.1", 0, new AdminAccess(TOKEN, false))
                    .route("/api/thing", q -> Map.of("read", q))
                    .routePost("/api/thing", (q, body) -> Map.of("query", q, "body", parse(body)));
            server.start();
        }
        return server.port();
    }

    /** As a JSON endpoint reads its body: malformed JSON is the caller's error. */
    private static JsonNode parse(String body) {
        if (body.isEmpty()) {
            return JSON.nullNode();
        }
        try {
            return JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new InvalidInputException("the body is not JSON: " + e.getOriginalMessage());
        }
    }

    private static int status(String method, String query, byte[] body) throws IOException {
        try (Socket s = new Socket("127.0.0.1", port())) {
            s.setSoTimeout(10_000);
            String head = method + " /api/thing" + (query.isEmpty() ? "" : "?" + query) + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Authorization: Bearer " + TOKEN + "\r\nConnection: close\r\nContent-Length: " + body.length + "\r\n\r\n";
            OutputStream out = s.getOutputStream();
            out.write(head.getBytes(StandardCharsets.ISO_8859_1));
            out.write(body);
            out.flush();
            InputStream in = s.getInputStream();
            String statusLine = new String(in.readNBytes(12), StandardCharsets.ISO_8859_1);
            assertThat(statusLine).as("answer to %s ?%s", method, query).startsWith("HTTP/1.1 ");
            return Integer.parseInt(statusLine.substring(9, 12));
        }
    }

    private static int indexOf(byte[] bytes, byte b) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return -1;
    }
}
