package io.roster.tools.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The CLI's side of a node's admin HTTP API: GET reads and POST writes of JSON, with the admin token as a Bearer
 * header when one is known. Every failure is an {@link AdminCallException} whose message names the address and
 * carries the server's error text (a 401 says how to pass the token).
 */
public final class AdminClient {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String address;
    private final String token;
    private final Duration timeout;
    private final HttpClient http;

    /** {@code address} is HOST:PORT of an admin port; {@code token} may be null (reads on an open port). */
    public AdminClient(String address, String token, Duration timeout) {
        this.address = address;
        this.token = token;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    public String address() {
        return address;
    }

    /** GET {@code path} with the given query parameters (null values are left out). */
    public JsonNode get(String path, Map<String, String> query) {
        return send(HttpRequest.newBuilder(uri(path, query)).GET(), "GET " + path);
    }

    /** POST {@code body} (rendered as JSON) to {@code path}. */
    public JsonNode post(String path, Object body) {
        byte[] bytes;
        try {
            bytes = JSON.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot render the request body as JSON", e);
        }
        return send(HttpRequest.newBuilder(uri(path, Map.of())).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)), "POST " + path);
    }

    private URI uri(String path, Map<String, String> query) {
        StringJoiner q = new StringJoiner("&", "?", "").setEmptyValue("");
        query.forEach((k, v) -> {
            if (v != null) {
                q.add(URLEncoder.encode(k, StandardCharsets.UTF_8) + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8));
            }
        });
        return URI.create("http://" + address + path + q);
    }

    private JsonNode send(HttpRequest.Builder builder, String what) {
        builder.timeout(timeout);
        if (token != null && !token.isEmpty()) {
            builder.header("Authorization", "Bearer " + token);
        }
        HttpResponse<byte[]> response;
        try {
            response = http.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new AdminCallException(0, "cannot reach the admin port " + address + " (" + what + "): "
                    + (e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName())
                    + ". Is a node running there? Choose another with --admin HOST:PORT");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AdminCallException(0, "interrupted");
        }
        JsonNode body = parse(response.body());
        int status = response.statusCode();
        if (status / 100 == 2) {
            return body;
        }
        String error = body != null && body.hasNonNull("error") ? body.get("error").asText()
                : new String(response.body(), StandardCharsets.UTF_8).trim();
        String hint = status == 401 && token == null ? " (no token was sent: set ROSTER_ADMIN_TOKEN or use --token-file)" : "";
        throw new AdminCallException(status, address + " answered " + status + " to " + what + ": " + error + hint);
    }

    private static JsonNode parse(byte[] bytes) {
        if (bytes.length == 0) {
            return null;
        }
        try {
            return JSON.readTree(bytes);
        } catch (IOException e) {
            return null;
        }
    }
}
