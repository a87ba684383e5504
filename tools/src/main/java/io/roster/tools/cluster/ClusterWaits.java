package io.roster.tools.cluster;

import io.roster.common.model.NodeRole;
import io.roster.common.wire.ClusterStatusReply;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Bounded waits for nodes to join: every meta in the group with a leader, every data and session node listed live
 * by that leader as the run we launched. A node that exits meanwhile ends the wait at once, naming its log.
 */
final class ClusterWaits {
    private static final Duration POLL = Duration.ofMillis(100);

    private final ClusterDir dir;
    private final NodeProcesses processes;
    private final ClusterProbe probe;

    ClusterWaits(ClusterDir dir, NodeProcesses processes, ClusterProbe probe) {
        this.dir = dir;
        this.processes = processes;
        this.probe = probe;
    }

    /** Waits until every node of {@code nodes} is up and in the cluster; {@code watched} must keep running meanwhile. */
    void untilUp(List<NodeName> nodes, List<NodeName> watched, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<String> pending;
        while (true) {
            for (NodeName n : watched) {
                if (processes.running(n).isEmpty()) {
                    throw new ClusterException(n + " exited while starting; see " + dir.log(n) + tail(dir.log(n)));
                }
            }
            pending = pending(nodes);
            if (pending.isEmpty()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new ClusterException("not up after " + timeout.toSeconds() + " s: " + String.join("; ", pending));
            }
            sleep();
        }
    }

    /** What is not up yet, one entry per node, each naming the node's log. */
    private List<String> pending(List<NodeName> nodes) {
        List<String> metas = new ArrayList<>();
        for (NodeName n : dir.nodes()) {
            if (n.role() == NodeRole.META) {
                metas.add(dir.readConfig(n).address());
            }
        }
        List<String> pending = new ArrayList<>();
        for (NodeName n : nodes) {
            if (n.role() == NodeRole.META) {
                MetaAnswer a = probe.ask(dir.readConfig(n).address());
                if (!a.inGroup()) {
                    pending.add(n + " (" + a.address() + "): " + a.describe() + "; see " + dir.log(n));
                }
            }
        }
        List<ClusterHealth.Expected> expected = new ArrayList<>();
        for (NodeName n : nodes) {
            if (n.role() != NodeRole.META) {
                long pid = processes.running(n).map(ProcessHandle::pid).orElse(ClusterHealth.Expected.ANY_PID);
                expected.add(new ClusterHealth.Expected(n, dir.readConfig(n).address(), pid));
            }
        }
        if (expected.isEmpty()) {
            return pending;
        }
        Optional<ClusterStatusReply> leader = probe.leaderStatus(metas);
        if (leader.isEmpty()) {
            pending.add("no meta answers as leader (" + String.join(", ", metas) + ")");
            return pending;
        }
        for (NodeName n : ClusterHealth.notListed(leader.get(), expected)) {
            pending.add(n + " (" + dir.readConfig(n).address() + ") is not live in meta yet; see " + dir.log(n));
        }
        return pending;
    }

    /** The last lines of a log, indented, so a failed start shows its cause without opening the file. */
    static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank()).toList();
            List<String> last = lines.subList(Math.max(0, lines.size() - 5), lines.size());
            return last.isEmpty() ? "" : "; it ends with:\n    " + String.join("\n    ", last);
        } catch (IOException e) {
            return "";
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(POLL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClusterException("interrupted while waiting for the cluster");
        }
    }
}
