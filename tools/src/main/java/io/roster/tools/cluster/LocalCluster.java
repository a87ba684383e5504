package io.roster.tools.cluster;

import io.roster.common.config.ConfigException;
import io.roster.common.config.ConfigKeys;
import io.roster.common.config.RosterConfig;
import io.roster.common.tls.LinkSecurity;
import io.roster.common.tls.NodeTls;
import io.roster.common.model.NodeRole;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A local multi-process cluster kept in one directory ({@link ClusterDir}): create its configurations, start,
 * stop, kill and restart its nodes, each a separate {@code roster server} JVM.
 */
public final class LocalCluster {
    /** Meta probes answer on loopback in milliseconds; a longer silence means the node is down or stalled. */
    private static final int PROBE_TIMEOUT_MS = 1000;
    /** How long a node gets to shut down cleanly on SIGTERM before it is killed. */
    public static final Duration STOP_GRACE = Duration.ofSeconds(10);

    private final ClusterDir dir;
    private final NodeProcesses processes;
    /** What {@link #create} wrote through this instance, until a node has started. */
    private CreatedFiles created;

    public LocalCluster(ClusterDir dir, JvmCommand jvm) {
        this(dir, jvm, LaunchWrapper.NONE);
    }

    /** A cluster whose every node launch goes through {@code wrapper} (the chaos harness's network cuts). */
    public LocalCluster(ClusterDir dir, JvmCommand jvm, LaunchWrapper wrapper) {
        this.dir = dir;
        this.processes = new NodeProcesses(dir, jvm, wrapper);
    }

    /** The cluster in {@code dir}, its nodes launched with this JVM's java and classpath. */
    public static LocalCluster in(java.nio.file.Path dir) {
        return new LocalCluster(new ClusterDir(dir), JvmCommand.ofThisJvm());
    }

    public ClusterDir dir() {
        return dir;
    }

    public NodeProcesses processes() {
        return processes;
    }

    /**
     * Writes the configuration of every node (free ports on {@code host}, fixed from now on) and the cluster file.
     * Every configuration is validated in memory before anything is written, so a bad {@code --set} leaves no trace;
     * if writing fails halfway, what was written is removed again. Until a node has run, {@link #removeUnstarted()}
     * takes the whole creation back.
     */
    public ClusterFile create(ClusterLayout layout, String host, Map<String, String> overrides) {
        if (dir.exists() || !dir.nodes().isEmpty()) {
            throw new ConfigException(dir + " already holds a cluster; start it with roster cluster start --dir " + dir
                    + " (no counts, no --set), or remove the directory for a new one");
        }
        List<NodeName> nodes = layout.nodes();
        List<Integer> free = FreePorts.pick(host, nodes.size() * 2);
        Map<NodeName, NodePorts> ports = new HashMap<>();
        for (int i = 0; i < nodes.size(); i++) {
            ports.put(nodes.get(i), new NodePorts(free.get(2 * i), free.get(2 * i + 1)));
        }
        List<NodeConfig> configs = ClusterConfigs.generate(layout, host, ports, dir.path(), overrides);
        CreatedFiles written = new CreatedFiles(dir.path());
        boolean ok = false;
        try {
            Files.createDirectories(dir.path());
            for (NodeConfig c : configs) {
                written.add(dir.config(c.name()));
                c.write(dir.config(c.name()));
                // the file as the node will read it (properties escaping included)
                RosterConfig.load(dir.config(c.name()), Map.of(), Map.of());
            }
            ClusterFile file = clusterFile(configs);
            written.add(ClusterFile.in(dir.path()));
            written.add(ClusterFile.in(dir.path()).resolveSibling(ClusterFile.NAME + ".tmp"));
            file.write(dir.path());
            created = written;
            ok = true;
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the cluster configuration to " + dir + ": " + e.getMessage(), e);
        } finally {
            if (!ok) {
                written.removeAll();
            }
        }
    }

    /**
     * Removes what {@link #create} wrote, and what launching added (logs, data and native directories), if no node
     * of it ever started (no pid file): a new cluster whose start failed that early would otherwise block its
     * directory ("already holds a cluster"). Returns whether it removed anything.
     */
    public boolean removeUnstarted() {
        if (created == null || dir.nodes().stream().anyMatch(n -> Files.exists(dir.pidFile(n)))) {
            return false;
        }
        for (NodeName n : dir.nodes()) {
            created.add(dir.log(n));
            created.add(dir.nativeDir(n));
            created.add(dir.path().resolve(n.toString()));
        }
        created.add(dir.path().resolve("native"));
        created.removeAll();
        created = null;
        return true;
    }

    public List<NodeName> nodes() {
        return dir.requireNodes();
    }

    public NodeConfig config(NodeName n) {
        return dir.readConfig(n);
    }

    /** The meta addresses, in node order. */
    public List<String> metaAddresses() {
        return nodes().stream().filter(n -> n.role() == NodeRole.META).map(n -> config(n).address()).toList();
    }

    /** The node whose role listens on {@code address}, if any. */
    public Optional<NodeName> nodeAt(String address) {
        return nodes().stream().filter(n -> config(n).address().equals(address)).findFirst();
    }

    /**
     * Starts every node that is not running and waits until all are in the cluster. If that fails, the nodes this
     * call launched are stopped again (also when this JVM is interrupted meanwhile), so nothing is left behind.
     *
     * @return the nodes launched, in order
     */
    public List<NodeName> start(Duration timeout) {
        List<NodeName> all = nodes();
        List<NodeName> launched = new java.util.concurrent.CopyOnWriteArrayList<>();
        Thread cleanup = new Thread(() -> processes.stop(launched, Duration.ofSeconds(2)), "roster-cluster-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanup);
        boolean ok = false;
        try {
            for (NodeName n : all) {
                if (processes.running(n).isEmpty()) {
                    processes.launch(n);
                    launched.add(n);
                }
            }
            try (ClusterProbe probe = probe(PROBE_TIMEOUT_MS)) {
                new ClusterWaits(dir, processes, probe).untilUp(all, launched, timeout);
            }
            ok = true;
            return launched;
        } finally {
            if (!ok) {
                processes.stop(launched, Duration.ofSeconds(2));
            }
            removeHook(cleanup);
        }
    }

    /**
     * Starts {@code n} again from its saved configuration (same ports, same data directory), stopping it first with
     * SIGTERM if it runs, and waits until it is back in the cluster.
     */
    public ProcessHandle restart(NodeName n, Duration timeout) {
        return restart(n, timeout, Map.of());
    }

    /** {@link #restart(NodeName, Duration)} with {@code extraEnv} in the node's environment, until its next start. */
    public ProcessHandle restart(NodeName n, Duration timeout, Map<String, String> extraEnv) {
        config(n);
        processes.stop(List.of(n), STOP_GRACE);
        ProcessHandle h = processes.launch(n, extraEnv);
        try (ClusterProbe probe = probe(PROBE_TIMEOUT_MS)) {
            new ClusterWaits(dir, processes, probe).untilUp(List.of(n), List.of(n), timeout);
        }
        return h;
    }

    /** Waits until every node runs and is in the cluster (the state {@code start} leaves it in). */
    public void awaitUp(Duration timeout) {
        List<NodeName> all = nodes();
        try (ClusterProbe probe = probe(PROBE_TIMEOUT_MS)) {
            new ClusterWaits(dir, processes, probe).untilUp(all, all, timeout);
        }
    }

    /**
     * A probe of this cluster's meta nodes, over TLS with the first node's credentials when its configuration has
     * tls.enabled (the meta ports then admit node certificates only).
     */
    public ClusterProbe probe(int timeoutMs) {
        NodeConfig first = config(nodes().get(0));
        LinkSecurity security = "true".equals(first.values().get(ConfigKeys.TLS_ENABLED.name()))
                ? NodeTls.from(RosterConfig.load(dir.config(first.name()), Map.of(), Map.of())).outgoing() : LinkSecurity.plain();
        return new ClusterProbe(timeoutMs, security);
    }

    /** SIGKILL to {@code n}; false when it was not running. */
    public boolean kill(NodeName n) {
        config(n);
        return processes.kill(n, Duration.ofSeconds(10));
    }

    /** SIGTERM to every node, SIGKILL to those still running after {@link #STOP_GRACE}. */
    public List<String> stop() {
        return processes.stop(nodes(), STOP_GRACE);
    }

    private static ClusterFile clusterFile(List<NodeConfig> configs) {
        List<String> meta = new ArrayList<>();
        List<String> sessions = new ArrayList<>();
        List<String> data = new ArrayList<>();
        List<String> http = new ArrayList<>();
        for (NodeConfig c : configs) {
            switch (c.name().role()) {
                case META -> meta.add(c.address());
                case DATA -> data.add(c.address());
                case SESSION -> sessions.add(c.address());
            }
            http.add(c.adminAddress());
        }
        return new ClusterFile(meta, sessions, data, http);
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the JVM is exiting and runs the hook itself
        }
    }
}
