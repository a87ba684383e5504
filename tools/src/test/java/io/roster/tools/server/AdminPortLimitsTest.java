package io.roster.tools.server;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The admin port's size limits before any handler runs: the JDK's HTTP server refuses a request line or header block
 * over {@code sun.net.httpserver.maxReqHeaderSize} (384 KiB by default) and more than
 * {@code sun.net.httpserver.maxReqHeaders} (200) headers, by closing the connection; AdminHttpServer refuses bodies
 * over 64 KiB (413). Pinned here so that a JDK without those limits fails the build instead of buffering megabytes.
 */
class AdminPortLimitsTest {
    private AdminHttpServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aHugeRequestLineOrHeaderBlockIsRefusedAndAnOversizedBodyIs413() throws IOException {
        server = new AdminHttpServer("127.0.0.1", 0).routeOpen("/health", q -> Map.of("status", "UP"));
        server.start();
        String longUri = "GET /health?a=" + "a".repeat(1 << 20) + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
        assertThat(answer(longUri)).as("1 MiB request line").doesNotStartWith("HTTP/1.1 200");
        StringBuilder headers = new StringBuilder("GET /health HTTP/1.1\r\nHost: x\r\n");
        for (int i = 0; i < 1000; i++) {
            headers.append("X-H").append(i).append(": v\r\n");
        }
        assertThat(answer(headers.append("Connection: close\r\n\r\n").toString())).as("1000 headers")
                .doesNotStartWith("HTTP/1.1 200");
        String bigHeader = "GET /health HTTP/1.1\r\nHost: x\r\nX-Big: " + "b".repeat(1 << 20) + "\r\nConnection: close\r\n\r\n";
        assertThat(answer(bigHeader)).as("a 1 MiB header").doesNotStartWith("HTTP/1.1 200");
        assertThat(answer("GET /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")).startsWith("HTTP/1.1 200");
    }

    /** The status line the server answered, or "closed" when it closed or reset the connection instead. */
    private String answer(String request) {
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            byte[] bytes = request.getBytes(StandardCharsets.ISO_8859_1);
            for (int at = 0; at < bytes.length; at += 65536) {
                out.write(Arrays.copyOfRange(bytes, at, Math.min(bytes.length, at + 65536)));
            }
            out.flush();
            byte[] status = s.getInputStream().readNBytes(15);
            return status.length == 0 ? "closed" : new String(status, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            return "closed (" + e.getMessage() + ")";
        }
    }
}
