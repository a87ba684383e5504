package io.roster.tools;

import io.roster.common.config.ConfigKeys;
import io.roster.common.config.RosterConfig;
import io.roster.meta.MetaServer;
import io.roster.testkit.FreePorts;
import io.roster.testkit.MetaConfigs;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.awaitility.Awaitility.await;

/** A meta Raft group of in-process MetaServers on fixed free loopback ports, plus any nodes started to join it. */
final class LocalMetaGroup implements AutoCloseable {
    private final MetaConfigs configs;
    private final List<MetaServer> started = new ArrayList<>();

    private LocalMetaGroup(MetaConfigs configs) {
        this.configs = configs;
    }

    /** Starts {@code size} members and waits until one leads. */
    static LocalMetaGroup start(Path dataDir, int size) {
        LocalMetaGroup group = new LocalMetaGroup(MetaConfigs.group(dataDir, size)
                .set(ConfigKeys.CLUSTER_SLOTS, 16)
                .set(ConfigKeys.LEASE_DURATION_MS, 30000)
                .set(ConfigKeys.HEARTBEAT_INTERVAL_MS, 200));
        group.configs.members().forEach(group::startNode);
        group.awaitLeader();
        return group;
    }

    /** Starts a node with meta.join=true: outside the group, waiting for add-peer. */
    MetaServer startJoiner() {
        return startNode(configs.joiner(FreePorts.loopbackAddress()));
    }

    private MetaServer startNode(RosterConfig config) {
        MetaServer m = new MetaServer(config);
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
        return started.stream().filter(m -> configs.peers().contains(m.address()) && !m.isLeader()).toList();
    }

    MetaServer byAddress(String address) {
        return started.stream().filter(m -> m.address().equals(address)).findFirst().orElseThrow();
    }

    List<String> initialPeers() {
        return configs.peers();
    }

    String metaOption() {
        return configs.metaServers();
    }

    @Override
    public void close() {
        started.forEach(MetaServer::close);
    }
}
