package io.roster.tools.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.roster.common.acl.AclRule;
import io.roster.common.acl.AppCredential;
import io.roster.common.acl.ClientAcl;
import io.roster.common.acl.Tokens;
import io.roster.common.config.ConfigKeys;
import io.roster.common.config.RosterConfig;
import io.roster.common.heartbeat.MetaClient;
import io.roster.common.model.InvalidInputException;
import io.roster.common.rpc.RpcCaller;
import io.roster.common.rpc.RpcFailure;
import io.roster.common.tls.NodeTls;
import io.roster.common.wire.AclReply;
import io.roster.common.wire.AclRequest;
import io.roster.common.wire.ErrorCode;

import java.io.IOException;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The client ACL on the admin API of any process: {@code GET /api/acl} (a read) and {@code POST /api/acl} (a write,
 * admin token), forwarded over bolt to the meta leader through this node's meta servers (503 when none leads). A
 * token is made here, by {@code {"op":"token-create","app":APP}}: its SHA-256 goes to meta, the token itself only
 * into this one answer. Other ops: {@code token-revoke} (app, optional id), {@code allow} and {@code deny} (app,
 * action, pattern).
 */
final class AclEndpoints implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final RosterConfig config;
    private final SecureRandom random = new SecureRandom();
    private RpcCaller caller;
    private MetaClient meta;
    /** Sends a request to the meta leader and returns its reply as it is. */
    private final Function<AclRequest, AclReply> metaCall;

    AclEndpoints(RosterConfig config) {
        this.config = config;
        this.metaCall = this::callMeta;
    }

    /** With {@code metaCall} answering for meta (tests). */
    AclEndpoints(RosterConfig config, Function<AclRequest, AclReply> metaCall) {
        this.config = config;
        this.metaCall = metaCall;
    }

    void registerOn(AdminHttpServer http) {
        http.route("/api/acl", q -> json(ask(AclRequest.read())))
                .routePost("/api/acl", (q, body) -> post(body));
    }

    Object post(String body) {
        JsonNode in;
        try {
            in = JSON.readTree(body == null || body.isBlank() ? "{}" : body);
        } catch (IOException e) {
            throw new InvalidInputException("the body is not JSON: " + e.getMessage());
        }
        String op = text(in, "op");
        String app = ClientAcl.checkApp(text(in, "app"));
        switch (op) {
            case "token-create" -> {
                return createToken(app);
            }
            case "token-revoke" -> {
                return json(ask(new AclRequest(AclRequest.TOKEN_REVOKE, app, "", text(in, "id"))));
            }
            case "allow", "deny" -> {
                AclRule rule = AclRule.parse(app, text(in, "action"), text(in, "pattern"));
                return json(ask(new AclRequest(op, app, rule.action().key(), rule.pattern())));
            }
            default -> throw new InvalidInputException("op must be token-create, token-revoke, allow or deny, not '" + op + "'");
        }
    }

    /**
     * A new token of {@code app}. Unless meta refused it outright (INVALID_REQUEST, LIMIT_EXCEEDED) or committed it,
     * the write may still take effect: meta answered UNAVAILABLE, the call to meta got no answer in time (it waits
     * as long as meta's own wait), or a retry reached a follower. The token is then returned all the same, marked
     * {@code inDoubt}: its hash may take one of the app's live slots, and this answer is the only place the token
     * itself ever appears. A token that was never stored grants nothing.
     */
    private Map<String, Object> createToken(String app) {
        String token = Tokens.newToken(random);
        String hash = Tokens.hash(token);
        String id = Tokens.idOf(hash);
        AclReply reply;
        String doubt = null;
        try {
            reply = send(new AclRequest(AclRequest.TOKEN_ADD, app, "", hash));
            if (!reply.ok() && reply.code() != ErrorCode.INVALID_REQUEST && reply.code() != ErrorCode.LIMIT_EXCEEDED) {
                doubt = "meta answered " + reply.code() + ": " + reply.message();
            }
        } catch (AdminHttpServer.Unavailable e) {
            reply = null;
            doubt = e.getMessage();
        }
        Map<String, Object> created = new LinkedHashMap<>();
        created.put("app", app);
        created.put("id", id);
        created.put("token", token);
        Map<String, Object> out;
        if (doubt != null) {
            out = new LinkedHashMap<>();
            created.put("inDoubt", true);
            created.put("warning", doubt + ". The token may or may not"
                    + " have been stored; check with 'roster acl list' (a stored token shows as id " + id + " of app "
                    + app + "); if it is there and not wanted, revoke it with 'roster acl token revoke " + app + " " + id
                    + "'. The token is shown only now.");
        } else {
            out = json(checked(reply));
            created.put("note", "the token is shown only now; meta keeps its SHA-256");
        }
        out.put("created", created);
        return out;
    }

    private static String text(JsonNode in, String field) {
        JsonNode v = in.get(field);
        return v == null || v.isNull() ? "" : v.asText();
    }

    private synchronized MetaClient meta() {
        if (meta == null) {
            caller = new RpcCaller(NodeTls.from(config).outgoing());
            meta = new MetaClient(caller, config.metaServers(), config.get(ConfigKeys.RPC_TIMEOUT_MS));
        }
        return meta;
    }

    private AclReply ask(AclRequest request) {
        return checked(send(request));
    }

    /** Meta's answer as it is; no answer at all is a 503. */
    private AclReply send(AclRequest request) {
        return metaCall.apply(request);
    }

    private AclReply callMeta(AclRequest request) {
        try {
            return meta().call(request, AclReply.class, AclReply::leaderAddress);
        } catch (RpcFailure e) {
            throw new AdminHttpServer.Unavailable("no meta leader answered: " + e.getMessage());
        }
    }

    private static AclReply checked(AclReply reply) {
        if (reply.code() == ErrorCode.INVALID_REQUEST || reply.code() == ErrorCode.LIMIT_EXCEEDED) {
            throw new InvalidInputException(reply.message());
        }
        if (!reply.ok()) {
            throw new AdminHttpServer.Unavailable("meta answered " + reply.code() + ": " + reply.message());
        }
        return reply;
    }

    /** {@code {"version":N,"tokens":[{"app","id","revoked","createdAt"}],"rules":[{"app","action","pattern"}]}}. */
    static Map<String, Object> json(AclReply reply) {
        ClientAcl acl = reply.acl();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("version", acl.version());
        List<Map<String, Object>> tokens = acl.credentials().stream().map(AclEndpoints::token).toList();
        out.put("tokens", tokens);
        out.put("rules", acl.rules().stream().map(r -> Map.of("app", r.app(), "action", r.action().key(), "pattern", r.pattern())).toList());
        return out;
    }

    private static Map<String, Object> token(AppCredential c) {
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("app", c.app());
        t.put("id", c.id());
        t.put("revoked", c.revoked());
        t.put("createdAt", c.createdAt());
        return t;
    }

    @Override
    public synchronized void close() {
        if (caller != null) {
            caller.close();
        }
    }
}
