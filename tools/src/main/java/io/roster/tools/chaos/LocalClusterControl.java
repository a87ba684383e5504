package io.roster.tools.chaos;

import io.roster.chaos.run.ClusterControl;
import io.roster.chaos.run.Target;
import io.roster.common.config.ConfigKeys;
import io.roster.common.model.NodeRole;
import io.roster.common.wire.ClusterStatusReply;
import io.roster.tools.cluster.ClusterProbe;
import io.roster.tools.cluster.LocalCluster;
import io.roster.tools.cluster.NodeName;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The chaos harness's hold on a local multi-process cluster ({@code roster cluster}): kill -9 and restart through
 * {@link LocalCluster}, pauses with SIGSTOP/SIGCONT to the node's pid, clock skew by a restart under libfaketime
 * ({@link ClockSkew}), link cuts through {@link NodeNetwork} (absent when the run cuts no links).
 */
final class LocalClusterControl implements ClusterControl {
    private static final Duration RESTART_TIMEOUT = Duration.ofSeconds(90);
    private static final int PROBE_TIMEOUT_MS = 2000;

    private final LocalCluster cluster;
    private final NodeNetwork network;
    private boolean closed;

    LocalClusterControl(LocalCluster cluster, NodeNetwork network) {
        this.cluster = cluster;
        this.network = network;
    }

    @Override
    public List<Target> targets() {
        return cluster.nodes().stream()
                .map(n -> new Target(n.toString(), n.role().name().toLowerCase(Locale.ROOT), cluster.config(n).address()))
                .toList();
    }

    @Override
    public List<String> metaAddresses() {
        return cluster.metaAddresses();
    }

    @Override
    public List<String> sessionAddresses() {
        return cluster.nodes().stream().filter(n -> n.role() == NodeRole.SESSION).map(n -> cluster.config(n).address()).toList();
    }

    @Override
    public void kill(Target target) {
        cluster.kill(node(target));
    }

    @Override
    public void restart(Target target) {
        cluster.restart(node(target), RESTART_TIMEOUT);
    }

    @Override
    public void restartSkewed(Target target, long skewMs) {
        cluster.restart(node(target), RESTART_TIMEOUT, ClockSkew.environment(skewMs));
    }

    @Override
    public void partition(Target target, List<Target> peers) {
        for (Target peer : peers) {
            network().cut(target.name(), port(target), peer.name(), port(peer));
        }
    }

    @Override
    public void heal(Target target, List<Target> peers) {
        for (Target peer : peers) {
            network().heal(target.name(), port(target), peer.name(), port(peer));
        }
    }

    @Override
    public Optional<String> metaLeader() {
        try (ClusterProbe probe = cluster.probe(PROBE_TIMEOUT_MS)) {
            return probe.leaderStatus(cluster.metaAddresses()).map(ClusterStatusReply::leaderAddress)
                    .filter(a -> !a.isEmpty());
        }
    }

    private NodeNetwork network() {
        if (network == null) {
            throw new IllegalStateException("this cluster was started without link cuts (no partition fault chosen)");
        }
        return network;
    }

    private static int port(Target t) {
        return Integer.parseInt(t.address().substring(t.address().lastIndexOf(':') + 1));
    }

    @Override
    public void pause(Target target) {
        signal(target, "-STOP");
    }

    @Override
    public void resume(Target target) {
        signal(target, "-CONT");
    }

    @Override
    public long leaseMs() {
        return Long.parseLong(setting(ConfigKeys.LEASE_DURATION_MS.name(), ConfigKeys.LEASE_DURATION_MS.defaultValue()));
    }

    @Override
    public long debounceMs() {
        return Long.parseLong(setting(ConfigKeys.SESSION_PUSH_DEBOUNCE_MS.name(), ConfigKeys.SESSION_PUSH_DEBOUNCE_MS.defaultValue()));
    }

    private String setting(String key, String fallback) {
        NodeName session = cluster.nodes().stream().filter(n -> n.role() == NodeRole.SESSION).findFirst().orElseThrow();
        return cluster.config(session).values().getOrDefault(key, fallback);
    }

    private NodeName node(Target target) {
        return cluster.nodes().stream().filter(n -> n.toString().equals(target.name())).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no node " + target.name() + " in " + cluster.dir()));
    }

    private void signal(Target target, String signal) {
        long pid = cluster.processes().pid(node(target))
                .orElseThrow(() -> new IllegalStateException(target.name() + " is not running: cannot send SIG" + signal.substring(1)));
        try {
            Process p = new ProcessBuilder("kill", signal, Long.toString(pid)).redirectErrorStream(true).start();
            int exit = p.waitFor();
            if (exit != 0) {
                throw new IllegalStateException("kill " + signal + " " + pid + " (" + target.name() + ") exited " + exit + ": "
                        + new String(p.getInputStream().readAllBytes()).trim());
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run kill " + signal + " for " + target.name() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted signalling " + target.name(), e);
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (Target t : targets()) {
            try {
                resume(t); // a stopped process would ignore SIGTERM until continued
            } catch (RuntimeException e) {
                // not running: nothing to resume
            }
        }
        cluster.stop();
        if (network != null) {
            network.close(); // after the stop: a cgroup goes only once its node has
        }
    }
}
