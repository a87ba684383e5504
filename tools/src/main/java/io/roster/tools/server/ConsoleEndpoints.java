package io.roster.tools.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.roster.common.config.ConfigKeys;
import io.roster.common.config.RosterConfig;
import io.roster.common.heartbeat.MetaClient;
import io.roster.common.rpc.RpcCaller;
import io.roster.common.rpc.RpcFailure;
import io.roster.common.tls.NodeTls;
import io.roster.common.wire.ClusterStatusReply;
import io.roster.common.wire.ClusterStatusRequest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The web console on every admin port: its static files under {@code /console/} (open: they hold no registry
 * data; what they show comes from the API with the caller's token), {@code /} redirecting there, and
 * {@code /api/cluster}, the overview the console draws, answered from the meta leader's cluster status.
 */
final class ConsoleEndpoints {
    static final String PREFIX = "/console/";
    /** Where the files live on the class path (inside the tools jar). */
    static final String RESOURCE_DIR = "console/";
    /** A file name of the flat console directory: no separators, no dot segments, so nothing outside it. */
    private static final Pattern FILE_NAME = Pattern.compile("[A-Za-z0-9_-]+(\\.[A-Za-z0-9]+)+");
    private static final Map<String, String> CONTENT_TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "png", "image/png",
            "svg", "image/svg+xml",
            "ico", "image/x-icon");
    /** The console loads only its own files and talks only to this port: no CDN, no inline script. */
    private static final Map<String, String> FILE_HEADERS = Map.of(
            "Content-Security-Policy", "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'; form-action 'none'",
            "X-Content-Type-Options", "nosniff",
            "Referrer-Policy", "no-referrer");
    private static final String JSON = "application/json; charset=utf-8";
    private static final ObjectMapper ERRORS = new ObjectMapper();

    private final RosterConfig config;

    ConsoleEndpoints(RosterConfig config) {
        this.config = config;
    }

    void registerOn(AdminHttpServer http) {
        http.routeRaw(PREFIX, true, exchange -> file(exchange.getRequestURI().getPath()))
                .routeRaw("/", true, exchange -> root(exchange.getRequestURI().getPath()))
                // an unknown write path still needs the token first: without it the caller learns nothing
                .routePost("/", (query, body) -> {
                    throw new AdminHttpServer.NotFound("no such endpoint");
                })
                .route("/api/cluster", q -> cluster());
    }

    /** {@code /} and {@code /console} redirect to the console; any other unknown path is a JSON 404. */
    static AdminHttpServer.RawAnswer root(String path) {
        if (path.equals("/") || path.equals("/console")) {
            return new AdminHttpServer.RawAnswer(302, "text/plain; charset=utf-8",
                    ("see " + PREFIX + "\n").getBytes(StandardCharsets.UTF_8), Map.of("Location", PREFIX));
        }
        return notFound("no such endpoint: " + path);
    }

    /** The console file a request path names, or 404 for anything not a plain file name of the console. */
    static AdminHttpServer.RawAnswer file(String path) {
        String name = path.substring(PREFIX.length());
        if (name.isEmpty()) {
            name = "index.html";
        }
        if (!FILE_NAME.matcher(name).matches()) {
            return notFound("no such console file: " + name);
        }
        String type = CONTENT_TYPES.get(name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT));
        if (type == null) {
            return notFound("no such console file: " + name);
        }
        try (InputStream in = ConsoleEndpoints.class.getClassLoader().getResourceAsStream(RESOURCE_DIR + name)) {
            if (in == null) {
                return notFound("no such console file: " + name);
            }
            return new AdminHttpServer.RawAnswer(200, type, in.readAllBytes(), FILE_HEADERS);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the console file " + name, e);
        }
    }

    private static AdminHttpServer.RawAnswer notFound(String message) {
        try {
            return new AdminHttpServer.RawAnswer(404, JSON, ERRORS.writeValueAsBytes(Map.of("error", message)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Object cluster() {
        int timeoutMs = config.get(ConfigKeys.RPC_TIMEOUT_MS);
        ClusterStatusReply reply;
        try (RpcCaller caller = new RpcCaller(NodeTls.from(config).outgoing())) {
            reply = new MetaClient(caller, config.metaServers(), timeoutMs)
                    .call(new ClusterStatusRequest("admin-console"), ClusterStatusReply.class, ClusterStatusReply::leaderAddress);
        } catch (RpcFailure e) {
            throw new AdminHttpServer.Unavailable("no meta leader answered: " + e.getMessage());
        }
        if (!reply.ok()) {
            throw new AdminHttpServer.Unavailable("meta answered " + reply.code() + ": " + reply.message());
        }
        return ClusterOverview.json(reply, config.get(ConfigKeys.CLUSTER_REPLICAS));
    }
}
