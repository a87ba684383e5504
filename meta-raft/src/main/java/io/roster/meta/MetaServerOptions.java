package io.roster.meta;

import io.roster.common.config.ConfigException;
import io.roster.common.config.ConfigKeys;
import io.roster.common.config.RosterConfig;
import io.roster.common.model.RegistryLimits;
import io.roster.common.tls.NodeTls;
import io.roster.meta.leader.LeaderOptions;

import java.nio.file.Path;
import java.util.List;

/**
 * What a {@link MetaServer} takes from the configuration.
 *
 * @param peers   the meta Raft group, host:port (this node alone by default)
 * @param raftDir where this node keeps its Raft log, meta and snapshots: {@code <data-dir>/meta-<port>}
 * @param join    start outside the group, with an empty configuration, until {@code roster meta add-peer} adds it
 * @param revisionGraceMs how long an unused revision is kept before the leader collects it
 * @param limits  what a registered revision is checked against
 * @param maxRevisions most live revisions; a new one beyond it is refused ({@code meta.max-revisions})
 * @param bindHost what meta.port listens on ({@code roster.bind-host}, else {@code host}); the Raft peer name stays
 *                 {@code host:port}
 * @param tls     the node's TLS (tls.*): meta's port, its Raft links and its notices
 */
public record MetaServerOptions(String host, int port, List<String> peers, Path raftDir, int electionTimeoutMs,
                                int snapshotIntervalSecs, int slots, int replicas, int leaseMs, int heartbeatIntervalMs,
                                int rpcTimeoutMs, boolean join, int maxMigrations, int maxFrameBytes,
                                int revisionGraceMs, RegistryLimits limits, int maxRevisions, String bindHost, NodeTls tls) {

    public MetaServerOptions {
        peers = List.copyOf(peers);
    }

    public static MetaServerOptions from(RosterConfig config) {
        int port = config.get(ConfigKeys.META_PORT);
        if (port == 0) {
            throw new ConfigException(ConfigKeys.META_PORT.name() + " is 0 (from " + config.sourceOf(ConfigKeys.META_PORT)
                    + "): meta needs a fixed port, because Raft peers are named by host:port");
        }
        return new MetaServerOptions(config.get(ConfigKeys.HOST), port, config.metaPeers(),
                Path.of(config.get(ConfigKeys.DATA_DIR)).resolve("meta-" + port), config.get(ConfigKeys.META_ELECTION_TIMEOUT_MS),
                config.get(ConfigKeys.META_SNAPSHOT_INTERVAL_SECS), config.get(ConfigKeys.CLUSTER_SLOTS),
                config.get(ConfigKeys.CLUSTER_REPLICAS), config.get(ConfigKeys.LEASE_DURATION_MS),
                config.get(ConfigKeys.HEARTBEAT_INTERVAL_MS), config.get(ConfigKeys.RPC_TIMEOUT_MS),
                config.get(ConfigKeys.META_JOIN), config.get(ConfigKeys.META_MAX_MIGRATIONS), config.maxFrameBytes(),
                config.get(ConfigKeys.META_REVISION_GRACE_MS), config.limits(),
                config.get(ConfigKeys.META_MAX_REVISIONS), config.bindHost(), NodeTls.from(config));
    }

    /** This node's host:port, its name in the Raft group. */
    public String address() {
        return host + ":" + port;
    }

    public LeaderOptions leaderOptions() {
        // The leader checks leases once per heartbeat interval, so a node is expired at most one interval late.
        return new LeaderOptions(slots, replicas, heartbeatIntervalMs, rpcTimeoutMs, maxMigrations);
    }

    /** A joining node's heartbeat reply waits at most this long, so it arrives before the caller gives up. */
    public long joinWaitMs() {
        return Math.max(1, rpcTimeoutMs / 2);
    }
}
