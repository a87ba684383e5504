package io.roster.chaos.run;

import io.roster.chaos.history.Event;
import io.roster.chaos.history.HistoryWriter;

import java.util.List;

/**
 * One fault under way: what {@link #begin} did to the cluster, and how {@link #end} undoes it. Both record a fault
 * event: kind the action, role the {@link FaultKind#role()} (for a partition both sides, e.g. {@code data-meta}),
 * target the node's address (for a partition from one node, {@code address/peerAddress}).
 */
final class ActiveFault {
    /** How far a skewed node's wall clock is off: minutes, far beyond any lease or timeout. */
    static final long SKEW_MS = 5 * 60_000;

    private final ClusterControl cluster;
    private final HistoryWriter history;
    private final RunClock clock;
    private final FaultKind kind;
    private final Target target;
    private final List<Target> peers;
    private final String recordedTarget;
    private final long durationMs;
    private final long skewMs;

    private ActiveFault(ClusterControl cluster, HistoryWriter history, RunClock clock, FaultKind kind, Target target,
                        List<Target> peers, long durationMs, long skewMs) {
        this.cluster = cluster;
        this.history = history;
        this.clock = clock;
        this.kind = kind;
        this.target = target;
        this.peers = peers;
        this.durationMs = durationMs;
        this.skewMs = skewMs;
        this.recordedTarget = peers.size() == 1 && kind.peerRole() != null && !kind.peerRole().equals("meta")
                ? target.address() + "/" + peers.get(0).address() : target.address();
    }

    /**
     * Starts {@code kind} on the {@code targetIndex}-th node of its role (modulo their number); null when the
     * cluster has no such node (or no peer to cut it from). The start is stamped before the fault is done: the
     * checker's windows must not open late.
     */
    static ActiveFault begin(ClusterControl cluster, HistoryWriter history, RunClock clock, FaultKind kind,
                             int targetIndex, long durationMs) {
        List<Target> candidates = ofRole(cluster, kind.targetRole());
        if (candidates.isEmpty()) {
            return null;
        }
        Target byIndex = candidates.get(targetIndex % candidates.size());
        Target target = kind == FaultKind.PARTITION_META_LEADER ? cluster.metaLeader()
                .flatMap(a -> candidates.stream().filter(t -> t.address().equals(a)).findFirst()).orElse(byIndex)
                : byIndex;
        List<Target> peers = List.of();
        if (kind.peerRole() != null) {
            List<Target> others = ofRole(cluster, kind.peerRole()).stream().filter(t -> !t.equals(target)).toList();
            // Cut from every meta peer, or from one node of another role (a session from one data node).
            peers = kind.peerRole().equals("meta") || others.isEmpty() ? others
                    : List.of(others.get((targetIndex / candidates.size()) % others.size()));
            if (peers.isEmpty()) {
                return null;
            }
        }
        // The sign of the skew comes from the seed too, from the index's bits that did not pick the node: a node
        // may run minutes ahead or behind.
        long skew = (targetIndex / candidates.size()) % 2 == 0 ? SKEW_MS : -SKEW_MS;
        ActiveFault a = new ActiveFault(cluster, history, clock, kind, target, peers, durationMs, skew);
        a.start();
        return a;
    }

    private static List<Target> ofRole(ClusterControl cluster, String role) {
        return cluster.targets().stream().filter(t -> t.role().equals(role)).toList();
    }

    private void start() {
        long t = clock.now();
        switch (kind.action()) {
            case "kill" -> cluster.kill(target);
            case "pause" -> cluster.pause(target);
            case "skew" -> cluster.restartSkewed(target, skewMs);
            case "partition" -> cluster.partition(target, peers);
            default -> throw new IllegalStateException("no way to inject " + kind);
        }
        history.append(new Event.Fault(t, kind.action(), kind.role(), recordedTarget, Event.Phase.START));
    }

    void end() {
        switch (kind.action()) {
            case "kill", "skew" -> cluster.restart(target); // a plain restart also undoes the skew
            case "pause" -> cluster.resume(target);
            case "partition" -> cluster.heal(target, peers);
            default -> throw new IllegalStateException("no way to end " + kind);
        }
        history.append(new Event.Fault(clock.now(), kind.action(), kind.role(), recordedTarget, Event.Phase.END));
    }

    @Override
    public String toString() {
        return kind.cliName() + " " + target.name()
                + (peers.isEmpty() ? "" : " from " + peers.stream().map(Target::name).toList())
                + (kind.action().equals("skew") ? " by " + skewMs / 1000 + " s" : "") + " for " + durationMs + " ms";
    }
}
