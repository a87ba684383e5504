package io.roster.tools.bench.failover;

import io.roster.tools.cluster.ClusterException;
import io.roster.tools.cluster.ClusterProbe;
import io.roster.tools.cluster.LocalCluster;
import io.roster.tools.cluster.MetaAnswer;
import io.roster.tools.cluster.NodeName;

import java.time.Duration;
import java.util.List;

/**
 * kill -9 of the meta leader, until a surviving meta answers a ClusterStatusRequest as leader. That request passes
 * the same gate as a heartbeat (leader, and done applying its predecessor's log), so its first OK answer is when
 * the new leader would answer the first heartbeat; asking this way registers no fake node with meta.
 */
final class MetaLeaderFailover implements FailoverScenario {
    /** Fine enough against an election timeout of a second; each probe is one loopback round trip. */
    private static final long POLL_MS = 5;
    private static final int CALL_TIMEOUT_MS = 500;

    private final LocalCluster cluster;
    private final Duration timeout;

    MetaLeaderFailover(LocalCluster cluster, Duration timeout) {
        this.cluster = cluster;
        this.timeout = timeout;
    }

    @Override
    public String name() {
        return "meta leader";
    }

    @Override
    public String measures() {
        return "kill -9 of the meta leader -> first request answered OK by a new leader (stands for its first heartbeat answered)";
    }

    @Override
    public FailoverRun runOnce() {
        cluster.awaitUp(timeout);
        List<String> metas = cluster.metaAddresses();
        try (ClusterProbe probe = new ClusterProbe(CALL_TIMEOUT_MS)) {
            String leader = metas.stream().map(probe::ask).filter(a -> a.state() == MetaAnswer.State.LEADER)
                    .map(MetaAnswer::address).findFirst()
                    .orElseThrow(() -> new ClusterException("no meta answers as leader before the run"));
            NodeName victim = cluster.nodeAt(leader).orElseThrow(() -> new ClusterException("the meta leader " + leader
                    + " is not a node of " + cluster.dir()));
            List<String> survivors = metas.stream().filter(m -> !m.equals(leader)).toList();

            long t0 = System.nanoTime();
            if (!cluster.kill(victim)) {
                throw new ClusterException(victim + " (the meta leader) was not running");
            }
            String newLeader = awaitLeader(probe, survivors, t0);
            Duration failover = Duration.ofNanos(System.nanoTime() - t0);

            long r0 = System.nanoTime();
            cluster.restart(victim, timeout);
            Duration rejoin = Duration.ofNanos(System.nanoTime() - r0);
            return new FailoverRun(victim + " (" + leader + " -> " + newLeader + ")", failover, rejoin);
        }
    }

    private String awaitLeader(ClusterProbe probe, List<String> survivors, long t0) {
        while (System.nanoTime() - t0 < timeout.toNanos()) {
            for (String m : survivors) {
                MetaAnswer a = probe.ask(m, CALL_TIMEOUT_MS);
                if (a.state() == MetaAnswer.State.LEADER) {
                    return m;
                }
            }
            Pause.millis(POLL_MS);
        }
        throw new ClusterException("no surviving meta (" + String.join(", ", survivors) + ") became leader within "
                + timeout.toSeconds() + " s");
    }
}
