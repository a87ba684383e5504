package io.roster.tools.bench.failover;

import io.roster.common.wire.ClusterStatusReply;
import io.roster.tools.cluster.ClusterException;
import io.roster.tools.cluster.ClusterHealth;
import io.roster.tools.cluster.ClusterProbe;
import io.roster.tools.cluster.LocalCluster;
import io.roster.tools.cluster.NodeName;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * kill -9 of the data node leading the most slots, until the meta leader's slot table has a leader for every slot
 * and none of them is the killed node. Bounded by the lease: meta must first notice the silence.
 */
final class DataNodeFailover implements FailoverScenario {
    private static final long POLL_MS = 10;
    private static final int CALL_TIMEOUT_MS = 1000;

    private final LocalCluster cluster;
    private final Duration timeout;

    DataNodeFailover(LocalCluster cluster, Duration timeout) {
        this.cluster = cluster;
        this.timeout = timeout;
    }

    @Override
    public String name() {
        return "data node";
    }

    @Override
    public String measures() {
        return "kill -9 of the data node leading the most slots -> first slot table where all its slots have new leaders";
    }

    @Override
    public FailoverRun runOnce() {
        cluster.awaitUp(timeout);
        List<String> metas = cluster.metaAddresses();
        try (ClusterProbe probe = new ClusterProbe(CALL_TIMEOUT_MS)) {
            ClusterStatusReply before = probe.leaderStatus(metas)
                    .orElseThrow(() -> new ClusterException("no meta answers as leader before the run"));
            Map<String, Integer> led = before.slotTable() == null ? Map.of() : before.slotTable().leaderCounts();
            String address = led.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey)
                    .orElseThrow(() -> new ClusterException("no data node leads a slot"));
            NodeName victim = cluster.nodeAt(address)
                    .orElseThrow(() -> new ClusterException("slot leader " + address + " is not a node of " + cluster.dir()));

            long t0 = System.nanoTime();
            if (!cluster.kill(victim)) {
                throw new ClusterException(victim + " was not running");
            }
            awaitTakeover(probe, metas, address, t0);
            Duration failover = Duration.ofNanos(System.nanoTime() - t0);

            long r0 = System.nanoTime();
            cluster.restart(victim, timeout);
            awaitReplicas(probe, metas, address);
            Duration rejoin = Duration.ofNanos(System.nanoTime() - r0);
            return new FailoverRun(victim + " (" + address + ", led " + led.get(address) + " slots)", failover, rejoin);
        }
    }

    private void awaitTakeover(ClusterProbe probe, List<String> metas, String address, long t0) {
        while (System.nanoTime() - t0 < timeout.toNanos()) {
            Optional<ClusterStatusReply> r = probe.leaderStatus(metas);
            if (r.isPresent() && ClusterHealth.noSlotLedBy(r.get().slotTable(), address)) {
                return;
            }
            Pause.millis(POLL_MS);
        }
        throw new ClusterException("slots of " + address + " still had no new leaders " + timeout.toSeconds() + " s after the kill");
    }

    /** Until the restarted node holds replicas again, so the next run starts from a whole cluster. */
    private void awaitReplicas(ClusterProbe probe, List<String> metas, String address) {
        long t0 = System.nanoTime();
        while (System.nanoTime() - t0 < timeout.toNanos()) {
            Optional<ClusterStatusReply> r = probe.leaderStatus(metas);
            if (r.isPresent() && ClusterHealth.holdsReplicas(r.get().slotTable(), address)) {
                return;
            }
            Pause.millis(50);
        }
        throw new ClusterException(address + " rejoined but got no slot replicas within " + timeout.toSeconds() + " s");
    }
}
