package io.roster.tools.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.roster.common.model.InvalidInputException;
import io.roster.common.rpc.PortInUseException;
import io.roster.common.util.NamedThreads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The admin HTTP port every process serves: JSON endpoints registered by the roles this process runs. Built on the
 * JDK's HttpServer; a path may have a GET (read) and a POST (write) handler. Writes need the admin token, reads need
 * it when so configured ({@link AdminAccess}); "open" reads such as /health never do.
 */
public final class AdminHttpServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AdminHttpServer.class);
    /** Largest request body a write accepts: levers and queries are a few hundred bytes. */
    static final int MAX_BODY_BYTES = 64 * 1024;

    /** Thrown by a handler for a missing resource: answered with 404 and the message. */
    public static final class NotFound extends RuntimeException {
        public NotFound(String message) {
            super(message);
        }
    }

    /** Thrown by a handler when what it needs (e.g. the meta leader) cannot be reached: 503 and the message. */
    public static final class Unavailable extends RuntimeException {
        public Unavailable(String message) {
            super(message);
        }
    }

    /** A write: the query parameters and the request body (UTF-8, at most {@link #MAX_BODY_BYTES}). */
    @FunctionalInterface
    public interface PostHandler {
        Object handle(Map<String, String> query, String body);
    }

    /** A raw GET answer (status, content type, bytes, extra headers), e.g. a static console file or a redirect. */
    public record RawAnswer(int status, String contentType, byte[] body, Map<String, String> headers) {
        public RawAnswer {
            headers = Map.copyOf(headers);
        }

        public RawAnswer(int status, String contentType, byte[] body) {
            this(status, contentType, body, Map.of());
        }
    }

    private enum Access { OPEN, READ }

    private record Endpoint(Access getAccess, Function<HttpExchange, RawAnswer> get, PostHandler post) {
    }

    private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private final HttpServer server;
    private final AdminAccess access;
    private final Map<String, Endpoint> endpoints = new LinkedHashMap<>();
    /**
     * Reads that ask meta or the sessions can each wait up to rpc.timeout-ms when those are unreachable; enough threads
     * that a few of them (a console left open, a scrape) never hold back /health or a local write such as stop-push.
     */
    private final ExecutorService executor = NamedThreads.pool("admin-http", 8);

    /** An admin port with writes disabled and open reads (tests and tools that serve no levers). */
    public AdminHttpServer(String host, int port) {
        this(host, port, new AdminAccess(null, false));
    }

    public AdminHttpServer(String host, int port, AdminAccess access) {
        this.access = access;
        try {
            server = HttpServer.create(new InetSocketAddress(host, port), 0);
        } catch (IOException e) {
            executor.shutdownNow();
            throw new PortInUseException("cannot listen on " + host + ":" + port + " (admin.port): " + e.getMessage()
                    + ". Stop the other process or choose another port with --set admin.port=PORT", e);
        }
        server.setExecutor(executor);
    }

    /** Serves GET {@code path} with {@code handler}(query parameters), rendered as JSON; a read. */
    public AdminHttpServer route(String path, Function<Map<String, String>, Object> handler) {
        return get(path, Access.READ, exchange -> jsonAnswer(path, () -> handler.apply(query(exchange))));
    }

    /** Like {@link #route} but never asks for a token (liveness probes: /health). */
    public AdminHttpServer routeOpen(String path, Function<Map<String, String>, Object> handler) {
        return get(path, Access.OPEN, exchange -> jsonAnswer(path, () -> handler.apply(query(exchange))));
    }

    /** Serves POST {@code path}: a write, refused without the admin token; the answer is rendered as JSON. */
    public AdminHttpServer routePost(String path, PostHandler handler) {
        Endpoint old = endpoints.get(path);
        endpoints.put(path, new Endpoint(old == null ? Access.READ : old.getAccess(), old == null ? null : old.get(), handler));
        register(path, old);
        return this;
    }

    /** A GET endpoint answering plain text (e.g. Prometheus exposition) of the given content type; a read. */
    public AdminHttpServer routeText(String path, String contentType, Supplier<String> body) {
        return get(path, Access.READ, exchange -> {
            try {
                return new RawAnswer(200, contentType, body.get().getBytes(StandardCharsets.UTF_8));
            } catch (RuntimeException e) {
                LOG.warn("admin {} failed", path, e);
                return new RawAnswer(500, contentType, (e.getMessage() + "\n").getBytes(StandardCharsets.UTF_8));
            }
        });
    }

    /**
     * Serves every GET under {@code prefix} (a path ending in '/') with {@code handler}; open when {@code open}
     * (static files that hold no registry data), else a read.
     */
    public AdminHttpServer routeRaw(String prefix, boolean open, Function<HttpExchange, RawAnswer> handler) {
        return get(prefix, open ? Access.OPEN : Access.READ, handler);
    }

    private AdminHttpServer get(String path, Access getAccess, Function<HttpExchange, RawAnswer> handler) {
        Endpoint old = endpoints.get(path);
        endpoints.put(path, new Endpoint(getAccess, handler, old == null ? null : old.post()));
        register(path, old);
        return this;
    }

    private void register(String path, Endpoint old) {
        if (old == null) {
            server.createContext(path, exchange -> serve(exchange, path));
        }
    }

    public void start() {
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private void serve(HttpExchange exchange, String path) throws IOException {
        RawAnswer answer;
        try {
            answer = answer(exchange, path);
        } catch (RuntimeException e) {
            LOG.warn("admin {} failed", path, e);
            answer = error(500, String.valueOf(e.getMessage()));
        }
        if (answer.status() == 401) {
            exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"roster-admin\"");
        }
        answer.headers().forEach(exchange.getResponseHeaders()::set);
        exchange.getResponseHeaders().set("Content-Type", answer.contentType());
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        byte[] bytes = answer.body();
        exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private RawAnswer answer(HttpExchange exchange, String path) throws IOException {
        Endpoint endpoint = endpoints.get(path);
        String requested = exchange.getRequestURI().getPath();
        boolean prefix = path.endsWith("/");
        if (!(prefix ? requested.startsWith(path) : requested.equals(path))) {
            return error(404, "no such endpoint: " + requested);
        }
        String auth = exchange.getRequestHeaders().getFirst("Authorization");
        String method = exchange.getRequestMethod();
        if ("GET".equals(method) || "HEAD".equals(method)) {
            if (endpoint.get() == null) {
                return error(405, "only POST is supported on " + path);
            }
            if (endpoint.getAccess() == Access.READ) {
                Optional<AdminAccess.Refusal> refused = access.checkRead(auth);
                if (refused.isPresent()) {
                    return error(refused.get().status(), refused.get().message());
                }
            }
            return endpoint.get().apply(exchange);
        }
        if ("POST".equals(method)) {
            if (endpoint.post() == null) {
                return error(405, "only GET is supported on " + path);
            }
            Optional<AdminAccess.Refusal> refused = access.checkWrite(auth);
            if (refused.isPresent()) {
                return error(refused.get().status(), refused.get().message());
            }
            byte[] body = readBody(exchange.getRequestBody());
            if (body == null) {
                return error(413, "the request body is larger than " + MAX_BODY_BYTES + " bytes");
            }
            String text = new String(body, StandardCharsets.UTF_8);
            return jsonAnswer(path, () -> endpoint.post().handle(query(exchange), text));
        }
        return error(405, "method " + method + " is not supported on " + path);
    }

    private RawAnswer jsonAnswer(String path, Supplier<Object> handler) {
        int status;
        Object body;
        try {
            body = handler.get();
            status = 200;
        } catch (InvalidInputException e) {
            status = 400;
            body = Map.of("error", e.getMessage());
        } catch (NotFound e) {
            status = 404;
            body = Map.of("error", e.getMessage());
        } catch (Unavailable e) {
            status = 503;
            body = Map.of("error", e.getMessage());
        } catch (RuntimeException e) {
            LOG.warn("admin {} failed", path, e);
            status = 500;
            body = Map.of("error", String.valueOf(e.getMessage()));
        }
        try {
            return new RawAnswer(status, "application/json; charset=utf-8", json.writeValueAsBytes(body));
        } catch (IOException e) {
            throw new IllegalStateException("cannot render the answer of " + path + " as JSON", e);
        }
    }

    private RawAnswer error(int status, String message) {
        try {
            return new RawAnswer(status, "application/json; charset=utf-8", json.writeValueAsBytes(Map.of("error", message)));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The body, or null when it is larger than {@link #MAX_BODY_BYTES} (read no further than one byte past it). */
    private static byte[] readBody(InputStream in) throws IOException {
        byte[] bytes = in.readNBytes(MAX_BODY_BYTES + 1);
        return bytes.length > MAX_BODY_BYTES ? null : bytes;
    }

    private static Map<String, String> query(HttpExchange exchange) {
        return query(exchange.getRequestURI().getRawQuery());
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
            try {
                params.put(URLDecoder.decode(k, StandardCharsets.UTF_8), URLDecoder.decode(v, StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("bad query parameter '" + pair + "': " + e.getMessage());
            }
        }
        return params;
    }

    @Override
    public void close() {
        server.stop(0);
        NamedThreads.shutdown(executor);
    }
}
