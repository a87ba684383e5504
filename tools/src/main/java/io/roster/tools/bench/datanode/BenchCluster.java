package io.roster.tools.bench.datanode;

import com.codahale.metrics.MetricRegistry;
import io.roster.common.config.ConfigKeys;
import io.roster.common.config.RosterConfig;
import io.roster.common.model.Slot;
import io.roster.common.model.SlotTable;
import io.roster.datastore.DataServer;
import io.roster.meta.MetaServer;
import io.roster.session.SessionServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The cluster `roster bench data` measures: one meta, data nodes and one session, each a role server of its own in
 * this JVM (no admin HTTP port: nothing here reads it), over real sockets on free loopback ports, with state under
 * one directory. A data node keeps its port across a restart, so it reloads its RocksDB copy. Everything else is the
 * shipped defaults.
 */
final class BenchCluster implements AutoCloseable {
    private final RosterConfig base;
    private final RosterConfig metaConfig;
    private final RosterConfig sessionConfig;
    private final Map<String, DataServer> data = new LinkedHashMap<>();
    private MetaServer meta;
    private SessionServer session;

    BenchCluster(Path dir, int slots, int replicas) {
        int metaPort = freePort();
        this.base = RosterConfig.builder()
                .set(ConfigKeys.HOST, "127.0.0.1")
                .set(ConfigKeys.DATA_DIR, dir.toString())
                .set(ConfigKeys.META_PORT, Integer.toString(metaPort))
                .set(ConfigKeys.META_SERVERS, "127.0.0.1:" + metaPort)
                .set(ConfigKeys.ADMIN_PORT, "0")
                .set(ConfigKeys.CLUSTER_SLOTS, Integer.toString(slots))
                .set(ConfigKeys.CLUSTER_REPLICAS, Integer.toString(replicas))
                .build();
        this.metaConfig = base.with(ConfigKeys.ROLES, "meta");
        this.sessionConfig = base.with(ConfigKeys.ROLES, "session").with(ConfigKeys.SESSION_PORT, Integer.toString(freePort()));
    }

    void startMetaAndSession() {
        MetaServer m = new MetaServer(metaConfig);
        m.start();
        meta = m;
        Poll.until(() -> m.isLeader(), 30_000, "meta to elect itself");
        SessionServer s = new SessionServer(sessionConfig, new MetricRegistry());
        s.start();
        session = s;
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts a data node on {@code port} (a port used before reloads that node's copy). */
    DataServer startData(int port) {
        DataServer node = new DataServer(base.with(ConfigKeys.ROLES, "data").with(ConfigKeys.DATA_PORT, Integer.toString(port)),
                new MetricRegistry());
        node.start();
        data.put(node.address(), node);
        return node;
    }

    /** Closes a data node at once, without a goodbye: meta expires it when its lease runs out. */
    void stopData(String address) {
        Objects.requireNonNull(data.remove(address), () -> "no data node at " + address).close();
    }

    static int portOf(String address) {
        return Integer.parseInt(address.substring(address.lastIndexOf(':') + 1));
    }

    DataServer data(String address) {
        return data.get(address);
    }

    List<String> dataAddresses() {
        return List.copyOf(data.keySet());
    }

    String sessionAddress() {
        return session.address();
    }

    /** How many registrations the session lets one client hold. */
    int registrationsPerClient() {
        return sessionConfig.get(ConfigKeys.SESSION_MAX_REGISTRATIONS_PER_CLIENT);
    }

    int sessionPublishers() {
        return session.publisherCount();
    }

    MetaServer meta() {
        return meta;
    }

    SlotTable table() {
        return meta.state().slotTable();
    }

    boolean metaListsData(String address) {
        return meta.state().dataNodes().stream().anyMatch(n -> n.address().equals(address));
    }

    /** The data node leading the most slots in meta's table. */
    String busiestLeader() {
        return table().leaderCounts().entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
    }

    /**
     * Every slot has a live leader in ACCEPT and {@code replicas - 1} live followers whose copies caught up, and
     * every data node has applied meta's current table.
     */
    boolean settled(int replicas) {
        SlotTable t = table();
        if (t.slots().isEmpty()) {
            return false;
        }
        for (Slot s : t.slots()) {
            DataServer leader = data(s.leader());
            if (leader == null || !leader.accepting(s.id(), s.leaderEpoch()) || s.followers().size() != Math.min(replicas - 1, data.size() - 1)) {
                return false;
            }
            for (String f : s.followers()) {
                DataServer follower = data(f);
                if (follower == null || !follower.caughtUp(s.id(), s.leaderEpoch())) {
                    return false;
                }
            }
        }
        return true;
    }

    @Override
    public void close() {
        if (session != null) {
            session.close();
        }
        data.values().forEach(DataServer::close);
        data.clear();
        if (meta != null) {
            meta.close();
        }
    }
}
