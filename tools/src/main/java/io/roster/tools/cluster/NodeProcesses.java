package io.roster.tools.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The node processes of one cluster directory, found through their pid files. A pid counts as a node only while
 * that process runs {@code roster server} with the node's configuration file and started when its pid file was
 * written, so a stale pid file whose pid now belongs to an unrelated process is never signalled.
 */
public final class NodeProcesses {
    /**
     * How far a node's start may lie from its pid file's mtime. The file is written just after the fork, and Linux
     * reports start times from a boot time in whole seconds, so a few seconds cover both; a pid reused by another
     * process is reused after the node died, normally much later.
     */
    static final Duration START_MARGIN = Duration.ofSeconds(5);

    private final ClusterDir dir;
    private final JvmCommand jvm;
    private final LaunchWrapper wrapper;

    public NodeProcesses(ClusterDir dir, JvmCommand jvm) {
        this(dir, jvm, LaunchWrapper.NONE);
    }

    public NodeProcesses(ClusterDir dir, JvmCommand jvm, LaunchWrapper wrapper) {
        this.dir = dir;
        this.jvm = jvm;
        this.wrapper = wrapper;
    }

    /**
     * Starts {@code n} from its saved configuration: output appended to its log, the pid written to its pid file.
     * Fails if the node already runs.
     */
    public ProcessHandle launch(NodeName n) {
        return launch(n, Map.of());
    }

    /**
     * {@link #launch(NodeName)} with {@code extraEnv} added to the node's environment (the chaos harness runs a
     * node under libfaketime this way); a later launch without it starts the node as usual.
     */
    public ProcessHandle launch(NodeName n, Map<String, String> extraEnv) {
        Optional<ProcessHandle> running = running(n);
        if (running.isPresent()) {
            throw new IllegalStateException(n + " already runs as pid " + running.get().pid() + " (stop or kill it first)");
        }
        NodeConfig config = dir.readConfig(n);
        try {
            Files.createDirectories(config.dataDir());
            Files.createDirectories(dir.nativeDir(n));
            Files.writeString(dir.log(n), "--- roster cluster: starting " + n + " at " + Instant.now() + " ---\n",
                    StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
            ProcessBuilder pb = new ProcessBuilder(wrapper.wrap(n, jvm.server(dir.config(n)))).directory(dir.path().toFile())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(dir.log(n).toFile()));
            Map<String, String> env = pb.environment();
            // The node's whole configuration is its file: a ROSTER_* variable of the calling shell (say
            // ROSTER_SESSION_PORT) would give every node the same value.
            env.keySet().removeIf(k -> k.startsWith("ROSTER_"));
            env.put("ROCKSDB_SHAREDLIB_DIR", dir.nativeDir(n).toString());
            env.putAll(extraEnv);
            Process p = pb.start();
            p.getOutputStream().close();
            if (wrapper != LaunchWrapper.NONE) {
                awaitExec(p.toHandle());
            }
            writePid(n, p.pid());
            return p.toHandle();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + n + ": " + e.getMessage(), e);
        }
    }

    /**
     * Waits (boundedly) until a wrapper has exec'd the JVM: until then the process is the wrapper's shell, which
     * {@link #running} would not take for the node.
     */
    private static void awaitExec(ProcessHandle h) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (h.isAlive() && !h.info().command().map(c -> c.endsWith("java")).orElse(false)
                && System.nanoTime() < deadline) {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** The node's process while it runs. */
    public Optional<ProcessHandle> running(NodeName n) {
        return pid(n).flatMap(ProcessHandle::of)
                .filter(h -> isRunning(h) && runsConfig(h, dir.config(n)) && startedWith(h, dir.pidFile(n)));
    }

    /** The pid in the node's pid file, whether or not it still runs. */
    public Optional<Long> pid(NodeName n) {
        Path f = dir.pidFile(n);
        if (!Files.isRegularFile(f)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Long.parseLong(Files.readString(f, StandardCharsets.UTF_8).trim()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** SIGKILL; waits (boundedly) until the process is gone. False when the node was not running. */
    public boolean kill(NodeName n, Duration wait) {
        Optional<ProcessHandle> h = running(n);
        if (h.isEmpty()) {
            return false;
        }
        h.get().destroyForcibly();
        if (!awaitExit(List.of(h.get()), wait)) {
            throw new IllegalStateException(n + " (pid " + h.get().pid() + ") still runs " + wait.toMillis() + " ms after SIGKILL");
        }
        return true;
    }

    /**
     * SIGTERM to every running node at once (each shuts down cleanly), then SIGKILL to whatever still runs after
     * {@code grace}. Returns what happened to each node that was running.
     */
    public List<String> stop(List<NodeName> nodes, Duration grace) {
        List<NodeName> names = new ArrayList<>();
        List<ProcessHandle> handles = new ArrayList<>();
        for (NodeName n : nodes) {
            running(n).ifPresent(h -> {
                names.add(n);
                handles.add(h);
                h.destroy();
            });
        }
        awaitExit(handles, grace);
        List<String> report = new ArrayList<>();
        for (int i = 0; i < handles.size(); i++) {
            ProcessHandle h = handles.get(i);
            if (isRunning(h)) {
                h.destroyForcibly();
                report.add(names.get(i) + " (pid " + h.pid() + "): did not stop within " + grace.toMillis() + " ms, killed");
            } else {
                report.add(names.get(i) + " (pid " + h.pid() + "): stopped");
            }
        }
        if (!awaitExit(handles, Duration.ofSeconds(5))) {
            report.add("some processes still run 5 s after SIGKILL");
        }
        return report;
    }

    private void writePid(NodeName n, long pid) throws IOException {
        Path tmp = dir.pidFile(n).resolveSibling(n + ".pid.tmp");
        Files.writeString(tmp, pid + "\n", StandardCharsets.UTF_8);
        Files.move(tmp, dir.pidFile(n), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    static boolean awaitExit(List<ProcessHandle> handles, Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        while (handles.stream().anyMatch(NodeProcesses::isRunning)) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    /**
     * Alive and not a zombie. A node whose launcher already exited is reparented; if nobody reaps it after a kill,
     * ProcessHandle still calls it alive, so look at its state in /proc where there is one.
     */
    static boolean isRunning(ProcessHandle h) {
        if (!h.isAlive()) {
            return false;
        }
        Path stat = Path.of("/proc", Long.toString(h.pid()), "stat");
        try {
            String s = Files.readString(stat, StandardCharsets.UTF_8);
            int close = s.lastIndexOf(')');
            return close < 0 || close + 2 >= s.length() || s.charAt(close + 2) != 'Z';
        } catch (IOException e) {
            return h.isAlive();
        }
    }

    /**
     * Whether {@code h} started around when {@code pidFile} was written: no earlier than its mtime minus
     * {@link #START_MARGIN} (a process older than the file cannot be the one it names), and no later than the mtime
     * plus the margin (a process started after the file was written got a dead node's pid). Unknown means no.
     */
    static boolean startedWith(ProcessHandle h, Path pidFile) {
        Optional<Instant> start = h.info().startInstant();
        if (start.isEmpty()) {
            return false;
        }
        Instant written;
        try {
            written = Files.getLastModifiedTime(pidFile).toInstant();
        } catch (IOException e) {
            return false;
        }
        return !start.get().isBefore(written.minus(START_MARGIN)) && !start.get().isAfter(written.plus(START_MARGIN));
    }

    private static boolean runsConfig(ProcessHandle h, Path config) {
        Optional<String[]> args = h.info().arguments();
        if (args.isEmpty()) {
            // Some systems hide other processes' arguments. A java command may be the node; anything else, or a
            // hidden command, is not known to be, and signalling an unknown process is worse than missing a node.
            return h.info().command().map(c -> c.endsWith("java")).orElse(false);
        }
        String want = config.toString();
        for (String a : args.get()) {
            if (a.equals(want)) {
                return true;
            }
        }
        return false;
    }
}
