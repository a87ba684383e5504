package io.roster.tools.server;

import io.roster.common.config.RosterConfig;
import io.roster.tools.output.ModelJson;
import io.roster.common.model.DataInfoId;
import io.roster.common.model.Datum;
import io.roster.common.model.InvalidInputException;
import io.roster.common.model.NodeInfo;
import io.roster.common.model.SlotTable;
import io.roster.datastore.DataServer;
import io.roster.meta.MetaServer;
import io.roster.session.SessionServer;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The admin HTTP API of a process: /health, /api/nodes, /api/slots, /api/datum (and /metrics, from {@link RosterNode}). Each answers from the most
 * authoritative role this process runs (meta's state before a data or session node's last view).
 */
final class AdminEndpoints {
    private final RosterConfig config;
    private final MetaServer meta;
    private final DataServer data;
    private final SessionServer session;

    AdminEndpoints(RosterConfig config, MetaServer meta, DataServer data, SessionServer session) {
        this.config = config;
        this.meta = meta;
        this.data = data;
        this.session = session;
    }

    void registerOn(AdminHttpServer http) {
        http.routeOpen("/health", q -> health())
                .route("/api/nodes", q -> nodes())
                .route("/api/slots", q -> slots())
                .route("/api/datum", this::datum);
    }

    private Object health() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("status", "UP");
        out.put("roles", config.roles());
        if (meta != null) {
            out.put("meta", Map.of("address", meta.address(), "leader", meta.isLeader(), "leaderAddress", meta.leaderAddress()));
        }
        if (data != null) {
            out.put("data", Map.of("address", data.address(), "slotTableEpoch", data.view().slotTable().epoch()));
        }
        if (session != null) {
            out.put("session", Map.of("address", session.address(), "slotTableEpoch", session.view().slotTable().epoch(),
                    "clients", session.clientCount(), "publishers", session.publisherCount(), "subscribers", session.subscriberCount(),
                    "pushStopped", session.pushStopped()));
        }
        return out;
    }

    private Object nodes() {
        List<NodeInfo> dataNodes;
        List<NodeInfo> sessionNodes;
        Map<String, Object> out = new LinkedHashMap<>();
        if (meta != null && meta.isLeader()) {
            dataNodes = meta.state().dataNodes();
            sessionNodes = meta.state().sessionNodes();
            out.put("source", "meta leader " + meta.address());
        } else if (session != null || data != null) {
            var view = session != null ? session.view() : data.view();
            dataNodes = view.dataNodes();
            sessionNodes = view.sessionNodes();
            out.put("source", "last heartbeat reply");
        } else {
            dataNodes = meta.state().dataNodes();
            sessionNodes = meta.state().sessionNodes();
            out.put("source", "meta follower " + meta.address() + " (leader " + meta.leaderAddress() + ")");
        }
        if (meta != null) {
            out.put("meta", Map.of("peers", meta.peers(), "leader", meta.leaderAddress()));
        }
        out.put("data", dataNodes.stream().map(ModelJson::node).toList());
        out.put("session", sessionNodes.stream().map(ModelJson::node).toList());
        return out;
    }

    private Object slots() {
        SlotTable table;
        if (meta != null) {
            table = meta.state().slotTable();
        } else if (data != null) {
            table = data.view().slotTable();
        } else {
            table = session.view().slotTable();
        }
        return ModelJson.slotTable(table);
    }

    private Object datum(Map<String, String> query) {
        String dataId = query.get("dataId");
        if (dataId == null || dataId.isEmpty()) {
            throw new InvalidInputException("query parameter dataId is required, e.g. /api/datum?dataId=com.example.EchoService");
        }
        String dataInfoId = DataInfoId.parse(dataId, config.limits()).toString();
        Datum datum;
        if (session != null) {
            datum = session.readDatum(dataInfoId);
        } else if (data != null) {
            datum = data.localDatum(dataInfoId);
        } else {
            throw new AdminHttpServer.NotFound("this process runs no data or session role; ask a session's admin port");
        }
        return ModelJson.datum(datum);
    }
}
