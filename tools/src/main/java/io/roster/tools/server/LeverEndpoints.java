package io.roster.tools.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.roster.common.config.ConfigKeys;
import io.roster.common.config.RosterConfig;
import io.roster.common.heartbeat.MetaClient;
import io.roster.common.lever.IncidentLevers;
import io.roster.common.lever.Lever;
import io.roster.common.model.InvalidInputException;
import io.roster.common.rpc.RpcCaller;
import io.roster.common.rpc.RpcFailure;
import io.roster.common.tls.NodeTls;
import io.roster.common.wire.ClusterStatusReply;
import io.roster.common.wire.ClusterStatusRequest;
import io.roster.common.wire.ErrorCode;
import io.roster.common.wire.LeverReply;
import io.roster.common.wire.LeverRequest;
import io.roster.common.wire.NodeStatus;
import io.roster.common.wire.Reply;
import io.roster.session.SessionServer;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The incident levers on the admin API of any process: {@code GET /api/levers}, {@code POST /api/levers}
 * ({@code {"lever":"client-off","value":"10.0.0.5","on":true}}), both forwarded over bolt to the meta leader through
 * this node's meta servers (503 when none leads), and {@code POST /api/session/stop-push} ({@code {"stopped":true}}),
 * which stops this process's own session's pushes without meta (404 when it runs no session).
 */
final class LeverEndpoints {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final RosterConfig config;
    private final SessionServer session;

    LeverEndpoints(RosterConfig config, SessionServer session) {
        this.config = config;
        this.session = session;
    }

    void registerOn(AdminHttpServer http) {
        http.route("/api/levers", q -> levers(LeverRequest.read()))
                .routePost("/api/levers", (q, body) -> {
                    JsonNode in = body(body);
                    String lever = text(in, "lever");
                    Lever.ofKey(lever); // 400 naming the known levers before meta is asked
                    if (!in.has("on") || !in.get("on").isBoolean()) {
                        throw new InvalidInputException("the body needs \"on\": true or false");
                    }
                    return levers(new LeverRequest(lever, text(in, "value"), in.get("on").asBoolean(), true));
                })
                .routePost("/api/session/stop-push", (q, body) -> stopPush(body(body)));
    }

    private Object stopPush(JsonNode in) {
        if (session == null) {
            throw new AdminHttpServer.NotFound("this process runs no session role; call the admin port of the session to stop");
        }
        if (!in.has("stopped") || !in.get("stopped").isBoolean()) {
            throw new InvalidInputException("the body needs \"stopped\": true or false");
        }
        session.stopPush(in.get("stopped").asBoolean());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("session", session.address());
        out.put("pushStopped", session.pushStopped());
        return out;
    }

    private Object levers(LeverRequest request) {
        try (RpcCaller caller = new RpcCaller(NodeTls.from(config).outgoing())) {
            MetaClient meta = new MetaClient(caller, config.metaServers(), config.get(ConfigKeys.RPC_TIMEOUT_MS));
            LeverReply reply = checked(meta.call(request, LeverReply.class, LeverReply::leaderAddress));
            ClusterStatusReply status = checked(meta.call(new ClusterStatusRequest("admin /api/levers"),
                    ClusterStatusReply.class, ClusterStatusReply::leaderAddress));
            return json(reply.levers(), reply.switches().pushEnabled(), status);
        } catch (RpcFailure e) {
            throw new AdminHttpServer.Unavailable(e.getMessage());
        }
    }

    private static <R extends Reply> R checked(R reply) {
        if (reply.code() == ErrorCode.INVALID_REQUEST || reply.code() == ErrorCode.LIMIT_EXCEEDED) {
            throw new InvalidInputException(reply.message());
        }
        if (!reply.ok()) {
            throw new AdminHttpServer.Unavailable("meta answered " + reply.code() + ": " + reply.message());
        }
        return reply;
    }

    /** The levers as the admin API and {@code roster levers --output json} show them. */
    static Map<String, Object> json(IncidentLevers levers, boolean pushEnabled, ClusterStatusReply status) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("version", levers.version());
        out.put("pushEnabled", pushEnabled);
        out.put("clientOff", levers.clientOff());
        out.put("blacklistIps", levers.blacklistIps());
        out.put("blacklistDataIds", levers.blacklistDataIds());
        out.put("grayPushIps", levers.grayPushIps());
        out.put("sessionsPushStopped", status.nodes().stream().filter(NodeStatus::pushStopped)
                .map(n -> n.node().address()).sorted().toList());
        return out;
    }

    private static JsonNode body(String body) {
        try {
            JsonNode node = body == null || body.isBlank() ? null : JSON.readTree(body);
            if (node == null || !node.isObject()) {
                throw new InvalidInputException("the body must be a JSON object");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new InvalidInputException("the body is not JSON: " + e.getOriginalMessage());
        }
    }

    private static String text(JsonNode in, String field) {
        JsonNode v = in.get(field);
        if (v == null || !v.isTextual() || v.asText().isBlank()) {
            throw new InvalidInputException("the body needs \"" + field + "\" as a non-empty string");
        }
        return v.asText();
    }
}
