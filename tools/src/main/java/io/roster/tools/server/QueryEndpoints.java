package io.roster.tools.server;

import io.roster.common.config.ConfigKeys;
import io.roster.common.config.RosterConfig;
import io.roster.common.model.InvalidInputException;
import io.roster.common.model.NodeInfo;
import io.roster.common.rpc.RpcCaller;
import io.roster.common.tls.NodeTls;
import io.roster.common.util.NamedThreads;
import io.roster.common.wire.RegistryQuery;
import io.roster.common.wire.RegistryQueryReply;
import io.roster.datastore.DataServer;
import io.roster.meta.MetaServer;
import io.roster.session.SessionServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;

/**
 * The query API (docs/ARCHITECTURE.md, "Query API"): {@code /api/services}, {@code /api/publishers},
 * {@code /api/subscribers}, {@code /api/connections}, {@code /api/registrations}. Any process answers: it asks every
 * session in its view (meta's node list) at once over bolt ({@link RegistryQuery}), merges and pages
 * ({@link QueryMerge}); sessions that did not answer are listed in {@code missingSessions} (still 200), none
 * answering is a 503. Bad parameters are 400s naming the parameter ({@link QueryParams}).
 */
final class QueryEndpoints implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(QueryEndpoints.class);

    private final RosterConfig config;
    private final MetaServer meta;
    private final DataServer data;
    private final SessionServer session;
    private final RpcCaller caller;
    /** One call per session at once; the admin port serves two requests at a time. */
    private final ExecutorService fanOut = NamedThreads.pool("admin-query", 4);

    QueryEndpoints(RosterConfig config, MetaServer meta, DataServer data, SessionServer session) {
        this.config = config;
        this.meta = meta;
        this.data = data;
        this.session = session;
        // the sessions' node port may take node certificates only (tls.enabled): call it as this node does
        this.caller = new RpcCaller(NodeTls.from(config).outgoing());
    }

    void registerOn(AdminHttpServer http) {
        http.route("/api/services", q -> {
            QueryParams p = params(q);
            return ask(RegistryQuery.SERVICES, "", "", p.optional("prefix"), "", "", "", p);
        }).route("/api/publishers", q -> {
            QueryParams p = params(q);
            return ask(RegistryQuery.PUBLISHERS, p.dataId(), p.group(), "", "", "", "", p);
        }).route("/api/subscribers", q -> {
            QueryParams p = params(q);
            return ask(RegistryQuery.SUBSCRIBERS, p.dataId(), p.group(), "", "", "", "", p);
        }).route("/api/connections", q -> {
            QueryParams p = params(q);
            return ask(RegistryQuery.CONNECTIONS, "", "", "", p.ip(), p.app(), p.session(), p);
        }).route("/api/registrations", q -> {
            QueryParams p = params(q);
            String ip = p.ip();
            String app = p.app();
            if (ip.isEmpty() && app.isEmpty()) {
                throw new InvalidInputException(
                        "query parameter ip or app is required, e.g. /api/registrations?ip=10.0.0.5 or ?app=orders");
            }
            return ask(RegistryQuery.REGISTRATIONS, "", "", "", ip, app, "", p);
        });
    }

    private QueryParams params(Map<String, String> query) {
        return new QueryParams(query, config.limits());
    }

    private Map<String, Object> ask(String kind, String dataId, String group, String prefix, String ip, String app,
                                    String onlySession, QueryParams p) {
        int limit = p.limit();
        int offset = p.offset(limit);
        List<String> sessions = sessionAddresses();
        if (!onlySession.isEmpty()) {
            if (!sessions.contains(onlySession)) {
                throw new AdminHttpServer.NotFound("no session " + onlySession + " in the cluster view " + sessions);
            }
            sessions = List.of(onlySession);
        }
        if (sessions.isEmpty()) {
            throw new AdminHttpServer.Unavailable("no session in the cluster view of this process");
        }
        // Services are summed across sessions, so each returns all it holds (up to 10,000) and the total is exact.
        int perSession = kind.equals(RegistryQuery.SERVICES) ? RegistryQuery.MAX_LIMIT : offset + limit;
        RegistryQuery query = new RegistryQuery(kind, dataId, prefix, ip, app, perSession, group);
        int timeoutMs = config.get(ConfigKeys.RPC_TIMEOUT_MS);
        Map<String, CompletableFuture<RegistryQueryReply>> calls = new LinkedHashMap<>();
        for (String s : sessions) {
            calls.put(s, CompletableFuture.supplyAsync(() -> caller.call(s, query, RegistryQueryReply.class, timeoutMs), fanOut));
        }
        List<RegistryQueryReply> answers = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        calls.forEach((address, call) -> {
            try {
                RegistryQueryReply reply = call.join();
                if (reply.ok()) {
                    answers.add(reply);
                    return;
                }
                LOG.info("session {} answered {} with {}: {}", address, query, reply.code(), reply.message());
            } catch (RuntimeException e) {
                LOG.info("session {} did not answer {}: {}", address, query, e.getMessage());
            }
            missing.add(address);
        });
        if (answers.isEmpty()) {
            throw new AdminHttpServer.Unavailable("no session answered: " + missing);
        }
        return QueryMerge.page(kind, answers, missing, offset, limit);
    }

    /** The sessions in this process's view: meta's node list where this process runs meta, else its last heartbeat's. */
    private List<String> sessionAddresses() {
        List<NodeInfo> nodes;
        if (meta != null) {
            nodes = meta.state().sessionNodes();
        } else if (session != null) {
            nodes = session.view().sessionNodes();
        } else {
            nodes = data.view().sessionNodes();
        }
        return nodes.stream().map(NodeInfo::address).sorted().toList();
    }

    @Override
    public void close() {
        NamedThreads.shutdown(fanOut);
        caller.close();
    }
}
