package io.roster.tools.bench.datanode;

import io.roster.common.config.ConfigKeys;
import io.roster.common.config.RosterConfig;
import io.roster.common.model.Slot;
import io.roster.common.model.SlotTable;
import io.roster.datastore.DataServer;
import io.roster.meta.MetaServer;
import io.roster.tools.server.RosterNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The cluster `roster bench data` measures: one meta, data nodes and one session, each a {@link RosterNode} of its
 * own role in this JVM, over real sockets on free loopback ports, with state under one directory. A data node keeps
 * its port across a restart, so it reloads its RocksDB copy. Everything else is the shipped defaults.
 */
final class BenchCluster implements AutoCloseable {
    private final RosterConfig base;
    private final RosterNode meta;
    private final RosterNode session;
    private final Map<String, RosterNode> data = new LinkedHashMap<>();

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
        this.meta = new RosterNode(base.with(ConfigKeys.ROLES, "meta"));
        this.session = new RosterNode(base.with(ConfigKeys.ROLES, "session").with(ConfigKeys.SESSION_PORT, Integer.toString(freePort())));
    }

    void startMetaAndSession() {
        meta.start();
        Poll.until(() -> meta.meta().isLeader(), 30_000, "meta to elect itself");
        session.start();
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
        RosterNode node = new RosterNode(base.with(ConfigKeys.ROLES, "data").with(ConfigKeys.DATA_PORT, Integer.toString(port)));
        node.start();
        data.put(node.data().address(), node);
        return node.data();
    }

    /** Closes a data node at once, without a goodbye: meta expires it when its lease runs out. */
    void stopData(String address) {
        Objects.requireNonNull(data.remove(address), () -> "no data node at " + address).close();
    }

    static int portOf(String address) {
        return Integer.parseInt(address.substring(address.lastIndexOf(':') + 1));
    }

    DataServer data(String address) {
        RosterNode node = data.get(address);
        return node == null ? null : node.data();
    }

    List<String> dataAddresses() {
        return List.copyOf(data.keySet());
    }

    String sessionAddress() {
        return session.session().address();
    }

    int sessionPublishers() {
        return session.session().publisherCount();
    }

    MetaServer meta() {
        return meta.meta();
    }

    SlotTable table() {
        return meta.meta().state().slotTable();
    }

    boolean metaListsData(String address) {
        return meta.meta().state().dataNodes().stream().anyMatch(n -> n.address().equals(address));
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
        session.close();
        data.values().forEach(RosterNode::close);
        data.clear();
        meta.close();
    }
}
