package io.roster.tools.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.roster.common.model.InvalidInputException;
import io.roster.common.rpc.PortInUseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.function.Function;
import java.util.function.Supplier;

import io.roster.common.util.NamedThreads;

/**
 * The admin HTTP port every process serves: JSON endpoints registered by the roles this process runs.
 * Built on the JDK's HttpServer; handlers get the query parameters and return an object to render as JSON.
 */
public final class AdminHttpServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AdminHttpServer.class);

    /** Thrown by a handler for a missing resource: answered with 404 and the message. */
    public static final class NotFound extends RuntimeException {
        public NotFound(String message) {
            super(message);
        }
    }

    private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private final HttpServer server;
    private final ExecutorService executor = NamedThreads.pool("admin-http", 2);

    public AdminHttpServer(String host, int port) {
        try {
            server = HttpServer.create(new InetSocketAddress(host, port), 0);
        } catch (IOException e) {
            executor.shutdownNow();
            throw new PortInUseException("cannot listen on " + host + ":" + port + " (admin.port): " + e.getMessage()
                    + ". Stop the other process or choose another port with --set admin.port=PORT", e);
        }
        server.setExecutor(executor);
    }

    /** Serves GET {@code path} with {@code handler}(query parameters). */
    public AdminHttpServer route(String path, Function<Map<String, String>, Object> handler) {
        server.createContext(path, exchange -> serve(exchange, path, handler));
        return this;
    }

    /** A GET endpoint answering plain text (e.g. Prometheus exposition) of the given content type. */
    public AdminHttpServer routeText(String path, String contentType, Supplier<String> body) {
        server.createContext(path, exchange -> {
            int status = 200;
            String text;
            try {
                if (!exchange.getRequestURI().getPath().equals(path) || !"GET".equals(exchange.getRequestMethod())) {
                    status = exchange.getRequestURI().getPath().equals(path) ? 405 : 404;
                    text = status == 405 ? "only GET is supported\n" : "no such endpoint\n";
                } else {
                    text = body.get();
                }
            } catch (RuntimeException e) {
                LOG.warn("admin {} failed", path, e);
                status = 500;
                text = String.valueOf(e.getMessage()) + "\n";
            }
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", contentType);
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        return this;
    }

    public void start() {
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private void serve(HttpExchange exchange, String path, Function<Map<String, String>, Object> handler) throws IOException {
        int status;
        Object body;
        try {
            if (!exchange.getRequestURI().getPath().equals(path)) {
                status = 404;
                body = Map.of("error", "no such endpoint: " + exchange.getRequestURI().getPath());
            } else if (!"GET".equals(exchange.getRequestMethod())) {
                status = 405;
                body = Map.of("error", "only GET is supported");
            } else {
                body = handler.apply(query(exchange.getRequestURI().getRawQuery()));
                status = 200;
            }
        } catch (InvalidInputException e) {
            status = 400;
            body = Map.of("error", e.getMessage());
        } catch (NotFound e) {
            status = 404;
            body = Map.of("error", e.getMessage());
        } catch (RuntimeException e) {
            LOG.warn("admin {} failed", path, e);
            status = 500;
            body = Map.of("error", String.valueOf(e.getMessage()));
        }
        byte[] bytes = json.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    static Map<String, String> query(String raw) {
        Map<String, String> params = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return params;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String k = eq < 0 ? pair : pair.substring(0, eq);
            String v = eq < 0 ? "" : pair.substring(eq + 1);
            params.put(URLDecoder.decode(k, StandardCharsets.UTF_8), URLDecoder.decode(v, StandardCharsets.UTF_8));
        }
        return params;
    }

    @Override
    public void close() {
        server.stop(0);
        NamedThreads.shutdown(executor);
    }
}
