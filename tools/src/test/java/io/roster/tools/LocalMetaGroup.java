package io.roster.tools;

import io.roster.common.config.ConfigKeys;
import io.roster.common.config.RosterConfig;
import io.roster.meta.MetaServer;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.awaitility.Awaitility.await;

/** A meta Raft group of in-process MetaServers on fixed free loopback ports, plus any nodes started to join it. */
final class LocalMetaGroup implements AutoCloseable {
    private final Path dataDir;
    private final List<String> initialPeers = new ArrayList<>();
    private final List<MetaServer> started = new ArrayList<>();

    private LocalMetaGroup(Path dataDir) {
        this.dataDir = dataDir;
    }

    /** Starts {@code size} members and waits until one leads. */
    static LocalMetaGroup start(Path dataDir, int size) {
        LocalMetaGroup group = new LocalMetaGroup(dataDir);
        for (int i = 0; i < size; i++) {
            group.initialPeers.add("127.0.0.1:" + StandaloneCluster.freePort());
        }
        for (String peer : group.initialPeers) {
            group.startNode(peer, false);
        }
        group.awaitLeader();
        return group;
    }

    /** Starts a node with meta.join=true: outside the group, waiting for add-peer. */
    MetaServer startJoiner() {
        return startNode("127.0.0.1:" + StandaloneCluster.freePort(), true);
    }

    private MetaServer startNode(String address, boolean join) {
        List<String> peers = new ArrayList<>(initialPeers);
        if (!peers.contains(address)) {
            peers.add(address);
        }
        MetaServer m = new MetaServer(RosterConfig.builder()
                .set(ConfigKeys.ROLES, "meta")
                .set(ConfigKeys.HOST, "127.0.0.1")
                .set(ConfigKeys.META_PORT, address.substring(address.indexOf(':') + 1))
                .set(ConfigKeys.META_PEERS, String.join(",", peers))
                .set(ConfigKeys.META_JOIN, Boolean.toString(join))
                .set(ConfigKeys.DATA_DIR, dataDir.toString())
                .set(ConfigKeys.META_ELECTION_TIMEOUT_MS, "500")
                .set(ConfigKeys.CLUSTER_SLOTS, "16")
                .set(ConfigKeys.LEASE_DURATION_MS, "30000")
                .set(ConfigKeys.HEARTBEAT_INTERVAL_MS, "200")
                .build());
        started.add(m);
        m.start();
        return m;
    }

    MetaServer awaitLeader() {
        await().atMost(Duration.ofSeconds(30)).until(() -> started.stream().anyMatch(MetaServer::isLeader));
        return leader();
    }

    MetaServer leader() {
        return started.stream().filter(MetaServer::isLeader).findFirst().orElseThrow();
    }

    /** Members of the initial group that do not lead right now. */
    List<MetaServer> followers() {
        return started.stream().filter(m -> initialPeers.contains(m.address()) && !m.isLeader()).toList();
    }

    MetaServer byAddress(String address) {
        return started.stream().filter(m -> m.address().equals(address)).findFirst().orElseThrow();
    }

    List<String> initialPeers() {
        return List.copyOf(initialPeers);
    }

    String metaOption() {
        return String.join(",", initialPeers);
    }

    @Override
    public void close() {
        started.forEach(MetaServer::close);
    }
}
