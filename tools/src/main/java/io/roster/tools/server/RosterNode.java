package io.roster.tools.server;

import com.codahale.metrics.MetricRegistry;
import io.roster.common.config.ConfigKeys;
import io.roster.common.config.RosterConfig;
import io.roster.common.model.NodeRole;
import io.roster.datastore.DataServer;
import io.roster.meta.MetaServer;
import io.roster.session.SessionServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;

/**
 * One Roster process: the roles its configuration names, started meta first (others heartbeat to it), then data,
 * then session, then the admin port; stopped in reverse. A failed start stops whatever had started.
 */
public final class RosterNode implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RosterNode.class);

    private final RosterConfig config;
    private final List<AutoCloseable> started = new ArrayList<>();
    private MetaServer meta;
    private DataServer data;
    private SessionServer session;
    private AdminHttpServer admin;
    /** This node's figures (served on /metrics); one registry per node, no static state. */
    private final MetricRegistry metrics = new MetricRegistry();

    public RosterNode(RosterConfig config) {
        this.config = config;
    }

    public synchronized RosterNode start() {
        Set<NodeRole> roles = config.roles();
        try {
            if (roles.contains(NodeRole.META)) {
                meta = new MetaServer(config, metrics);
                meta.start();
                started.add(meta);
            }
            if (roles.contains(NodeRole.DATA)) {
                data = new DataServer(config, metrics);
                data.start();
                started.add(data);
            }
            if (roles.contains(NodeRole.SESSION)) {
                session = new SessionServer(config, metrics);
                session.start();
                started.add(session);
            }
            admin = new AdminHttpServer(AdminAccess.bindAddress(config), config.get(ConfigKeys.ADMIN_PORT), AdminAccess.from(config));
            new AdminEndpoints(config, meta, data, session).registerOn(admin);
            new AppEndpoints(config, meta).registerOn(admin);
            QueryEndpoints queries = new QueryEndpoints(config, meta, data, session);
            started.add(queries); // closed after the admin port that calls it
            queries.registerOn(admin);
            new ConsoleEndpoints(config).registerOn(admin);
            new LeverEndpoints(config, session).registerOn(admin);
            AclEndpoints acl = new AclEndpoints(config);
            started.add(acl); // its meta connection closes after the admin port
            acl.registerOn(admin);
            ProcessGauges.registerOn(metrics);
            PrometheusText prometheus = new PrometheusText(metrics);
            admin.routeText("/metrics", PrometheusText.CONTENT_TYPE, prometheus::render);
            admin.start();
            started.add(admin);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
        LOG.info("roster node up: roles {}, {}", roles, describe());
        return this;
    }

    /** A one-line summary of where each role listens. */
    public String describe() {
        List<String> parts = new ArrayList<>();
        if (meta != null) {
            parts.add("meta " + meta.address());
        }
        if (data != null) {
            parts.add("data " + data.address());
        }
        if (session != null) {
            parts.add("session " + session.address());
        }
        if (admin != null) {
            parts.add("admin http://" + AdminAccess.bindAddress(config) + ":" + admin.port());
        }
        return String.join(", ", parts);
    }

    /**
     * True once every local role can serve: meta has a leader, and data and session nodes have a slot table from
     * it. Before that, writes wait in the session's retry loop.
     */
    public boolean isReady() {
        if (meta != null && meta.leaderAddress().isEmpty()) {
            return false;
        }
        if (data != null && data.view().slotTable().slotCount() == 0) {
            return false;
        }
        return session == null || (session.view().slotTable().slotCount() > 0 && !session.view().dataNodes().isEmpty());
    }

    public MetaServer meta() {
        return meta;
    }

    public DataServer data() {
        return data;
    }

    public SessionServer session() {
        return session;
    }

    /** This node's Dropwizard registry, as served on /metrics. */
    public MetricRegistry metrics() {
        return metrics;
    }

    public int adminPort() {
        return admin.port();
    }

    public RosterConfig config() {
        return config;
    }

    @Override
    public synchronized void close() {
        List<AutoCloseable> reverse = new ArrayList<>(started);
        Collections.reverse(reverse);
        for (AutoCloseable c : reverse) {
            try {
                c.close();
            } catch (Exception e) {
                LOG.warn("stopping {} failed: {}", c.getClass().getSimpleName(), e.toString());
            }
        }
        started.clear();
    }
}
