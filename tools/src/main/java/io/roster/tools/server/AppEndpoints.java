package io.roster.tools.server;

import io.roster.common.app.AppIds;
import io.roster.common.app.RevisionCatalog;
import io.roster.common.config.ConfigKeys;
import io.roster.common.config.RosterConfig;
import io.roster.common.heartbeat.MetaClient;
import io.roster.common.model.InvalidInputException;
import io.roster.common.rpc.RpcCaller;
import io.roster.common.tls.LinkSecurity;
import io.roster.common.tls.NodeTls;
import io.roster.common.wire.RevisionCatalogReply;
import io.roster.common.wire.RevisionCatalogRequest;
import io.roster.meta.MetaServer;
import io.roster.tools.apps.AppDirectory;
import io.roster.tools.apps.AppsOutput;
import io.roster.tools.apps.SlotLeaderReads;

import java.util.Map;
import java.util.function.Function;

/**
 * The application views of the admin API, answered by a process with the meta role (the catalog is meta's):
 * {@code /api/apps}, {@code /api/app?name=APP}, {@code /api/interface?dataId=IFACE}, the same JSON as
 * {@code roster apps|app|interface --json}. The catalog is asked of the meta leader (this process or the one it
 * names), the datums are read from their slot leaders as this meta's slot table names them. A process without the
 * meta role answers 404 naming it, as {@code /api/datum} does on a process without a data or session role.
 */
final class AppEndpoints {
    private final RosterConfig config;
    private final MetaServer meta;
    /** How the reads of the data nodes are protected: this node's outgoing TLS (tls.*). */
    private final LinkSecurity security;

    AppEndpoints(RosterConfig config, MetaServer meta) {
        this.config = config;
        this.meta = meta;
        this.security = NodeTls.from(config).outgoing();
    }

    void registerOn(AdminHttpServer http) {
        http.route("/api/apps", q -> withDirectory(d -> AppsOutput.appsJson(d.catalog().version(), d.apps())))
                .route("/api/app", q -> {
                    String app = required(q, "name", "/api/app?name=orders");
                    AppIds.checkAppName(app, config.limits());
                    return withDirectory(d -> {
                        AppDirectory.AppDetail detail = d.app(app);
                        if (!detail.exists()) {
                            throw new AdminHttpServer.NotFound("no application " + app + ": no live revision and no instance");
                        }
                        return AppsOutput.appJson(detail);
                    });
                })
                .route("/api/interface", q -> {
                    String iface = AppDirectory.checkedInterface(
                            required(q, "dataId", "/api/interface?dataId=com.example.EchoService"), config.limits());
                    return withDirectory(d -> AppsOutput.interfaceJson(d.iface(iface)));
                });
    }

    private static String required(Map<String, String> query, String name, String example) {
        String value = query.get(name);
        if (value == null || value.isEmpty()) {
            throw new InvalidInputException("query parameter " + name + " is required, e.g. " + example);
        }
        return value;
    }

    private Object withDirectory(Function<AppDirectory, Object> view) {
        if (meta == null) {
            throw new AdminHttpServer.NotFound("this process runs no meta role, whose revision catalog these views show;"
                    + " ask a meta node's admin port");
        }
        int timeoutMs = config.get(ConfigKeys.RPC_TIMEOUT_MS);
        try (RpcCaller caller = new RpcCaller(security)) {
            RevisionCatalogReply reply = new MetaClient(caller, config.metaPeers(), timeoutMs)
                    .call(new RevisionCatalogRequest(0), RevisionCatalogReply.class, RevisionCatalogReply::leaderAddress);
            if (!reply.ok()) {
                throw new IllegalStateException("meta answered " + reply.code() + ": " + reply.message());
            }
            RevisionCatalog catalog = reply.applyTo(RevisionCatalog.EMPTY);
            SlotLeaderReads reads = new SlotLeaderReads(caller, meta.image().slotTable(), timeoutMs);
            return view.apply(new AppDirectory(catalog, reads, config.limits()));
        }
    }
}
