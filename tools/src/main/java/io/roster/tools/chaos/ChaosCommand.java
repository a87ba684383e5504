package io.roster.tools.chaos;

import io.roster.chaos.check.Checker;
import io.roster.chaos.check.CheckerOptions;
import io.roster.chaos.history.HistoryReader;
import io.roster.chaos.report.Report;
import io.roster.chaos.report.ReportWriter;
import io.roster.chaos.run.ChaosOptions;
import io.roster.chaos.run.ChaosRun;
import io.roster.chaos.run.FaultKind;
import io.roster.common.config.ConfigException;
import io.roster.tools.cluster.ClusterDir;
import io.roster.tools.cluster.ClusterLayout;
import io.roster.tools.cluster.JvmCommand;
import io.roster.tools.cluster.LocalCluster;
import io.roster.tools.cluster.NodeName;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/**
 * {@code roster chaos}: starts a local multi-process cluster in {@code REPORT/cluster}, runs SDK clients doing random
 * operations against it while faults hit its nodes, checks the recorded history and writes the report (docs/CHAOS.md).
 * Exit 0 when the run passed, 1 on any violation, 2 for bad options or a cluster that would not start.
 */
@Command(name = "chaos", mixinStandardHelpOptions = true,
        description = "Run the chaos harness on a local cluster and judge every push; exit 1 on any violation.")
public final class ChaosCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--duration", paramLabel = "TIME", defaultValue = "60s",
            description = "How long operations and faults go on: 90s, 10m, 1500ms (default: ${DEFAULT-VALUE}).")
    String duration;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1",
            description = "The seed of the operation and fault schedules (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--clients", paramLabel = "N", defaultValue = "8",
            description = "SDK clients doing random operations, besides the 2 pinned ones (default: ${DEFAULT-VALUE}).")
    int clients;

    @Option(names = "--data-ids", paramLabel = "N", defaultValue = "4",
            description = "Services the clients publish and subscribe to (default: ${DEFAULT-VALUE}).")
    int dataIds;

    @Option(names = "--app-clients", paramLabel = "N", defaultValue = "4",
            description = "Clients of the application-level workload (application instances with rollouts, dual "
                    + "publishing, subscribeInterface subscribers), on top of --clients; 0 leaves it out "
                    + "(default: ${DEFAULT-VALUE}).")
    int appClients;

    @Option(names = "--op-interval-ms", paramLabel = "MS", defaultValue = "50",
            description = "Pause between two operations (default: ${DEFAULT-VALUE}).")
    long opIntervalMs;

    @Option(names = "--faults", paramLabel = "KINDS", defaultValue = "all",
            description = "Comma-separated: kill-data, kill-session, kill-meta, pause-data, pause-session, pause-meta, "
                    + "skew-session, skew-data, partition-data-meta, partition-meta-leader, partition-session-data, "
                    + "or all, kill, pause, skew, partition, none (default: ${DEFAULT-VALUE}).")
    String faults;

    @Option(names = "--cluster", paramLabel = "meta=N,data=N,session=N", defaultValue = "meta=3,data=3,session=2",
            description = "Nodes per role (default: ${DEFAULT-VALUE}).")
    String layout;

    @Option(names = "--margin-ms", paramLabel = "MS", defaultValue = "10000",
            description = "Added to lease + debounce for the ghost and convergence bounds (default: ${DEFAULT-VALUE}).")
    long marginMs;

    @Option(names = "--report", paramLabel = "DIR", defaultValue = "chaos-report",
            description = "Where the history, report.json, report.txt, run.json and the cluster (REPORT/cluster) go; "
                    + "must not hold a cluster already (default: ${DEFAULT-VALUE}).")
    Path reportDir;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "A setting for every node of the cluster.")
    Map<String, String> overrides = new LinkedHashMap<>();

    @Option(names = "--overlap", description = "Give some faults a second one while they last, from the pairs the "
            + "cluster must tolerate: a session paused while a data node is killed, a meta peer and a session.")
    boolean overlap;

    @Option(names = "--tls", description = "Run the cluster with tls.enabled and tls.client-links: a CA of the run's own "
            + "in REPORT/certs, a node certificate on every node, a client certificate for the workload's clients.")
    boolean tls;

    @Option(names = "--keep-data", description = "Keep the nodes' data directories after a passing run (logs are always kept).")
    boolean keepData;

    @Option(names = "--check", paramLabel = "HISTORY",
            description = "Start nothing: judge a recorded history.jsonl again (with --lease-ms, --debounce-ms and "
                    + "--margin-ms as bounds) and write the report to --report.")
    Path recheck;

    @Option(names = "--lease-ms", paramLabel = "MS", defaultValue = "3000",
            description = "With --check: the lease of the cluster that was recorded (default: ${DEFAULT-VALUE}).")
    long leaseMs;

    @Option(names = "--debounce-ms", paramLabel = "MS", defaultValue = "20",
            description = "With --check: its session push debounce (default: ${DEFAULT-VALUE}).")
    long debounceMs;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (recheck != null) {
            return recheck(out, err);
        }
        ChaosOptions options;
        ClusterLayout clusterLayout;
        try {
            options = new ChaosOptions(parseDuration(duration), seed, clients, dataIds, opIntervalMs, FaultKind.parse(faults),
                    marginMs, reportDir, overlap, appClients);
            clusterLayout = parseLayout(layout);
        } catch (IllegalArgumentException e) {
            err.println("roster chaos: " + e.getMessage());
            err.flush();
            return 2;
        }
        io.roster.common.tls.TlsFiles clientTls = tls ? ChaosTls.prepare(reportDir.resolve("certs"), overrides) : null;
        if (clientTls != null) {
            options = new ChaosOptions(options.durationMs(), options.seed(), options.clients(), options.dataIds(),
                    options.opIntervalMs(), options.faults(), options.marginMs(), options.reportDir(), options.overlap(),
                    options.appClients(), clientTls);
        }
        NodeNetwork network;
        try {
            network = needsTools(options.faults());
        } catch (IllegalStateException e) {
            err.println("roster chaos: " + e.getMessage() + "; or choose --faults without them");
            err.flush();
            return 2;
        }
        Path clusterDir = reportDir.resolve("cluster");
        LocalCluster cluster = network == null ? LocalCluster.in(clusterDir)
                : new LocalCluster(new ClusterDir(clusterDir), JvmCommand.ofThisJvm(), network::wrap);
        try {
            cluster.create(clusterLayout, "127.0.0.1", overrides);
            out.println("roster chaos: starting " + clusterLayout + " in " + clusterDir + " (seed " + seed + ", "
                    + duration + ", faults " + faults + ")");
            out.flush();
            cluster.start(Duration.ofSeconds(120));
        } catch (ConfigException | IllegalStateException | UncheckedIOException e) {
            err.println("roster chaos: " + e.getMessage());
            err.flush();
            cluster.removeUnstarted();
            if (network != null) {
                network.close();
            }
            return 2;
        }
        Report report;
        LocalClusterControl control = new LocalClusterControl(cluster, network);
        // Ctrl-C during a run must not leave nodes running, or stopped by SIGSTOP.
        Thread cleanup = new Thread(control::close, "roster-chaos-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanup);
        try {
            report = new ChaosRun(control, options).run();
        } catch (IOException | RuntimeException e) {
            err.println("roster chaos: the run failed: " + e.getMessage() + " (node logs in " + clusterDir + ")");
            err.flush();
            return 2;
        } finally {
            control.close();
            try {
                Runtime.getRuntime().removeShutdownHook(cleanup);
            } catch (IllegalStateException e) {
                // the JVM is already shutting down: the hook runs (stopping twice is harmless)
            }
        }
        out.print(Files.exists(reportDir.resolve("report.txt")) ? read(reportDir.resolve("report.txt")) : "");
        out.println("roster chaos: " + (report.passed() ? "PASSED" : "FAILED with " + report.violations().size()
                + " violation(s)") + "; report in " + reportDir.toAbsolutePath());
        out.flush();
        if (report.passed() && !keepData) {
            removeDataDirs(cluster);
        }
        return report.passed() ? 0 : 1;
    }

    /**
     * Checks up front that this machine can do the chosen faults: a run should not fail half-way through. Returns
     * the network to launch the nodes in when links are to be cut, else null.
     */
    private static NodeNetwork needsTools(java.util.Set<FaultKind> kinds) {
        if (kinds.stream().anyMatch(k -> k.action().equals("skew"))) {
            ClockSkew.library();
        }
        return kinds.stream().anyMatch(k -> k.action().equals("partition")) ? NodeNetwork.open() : null;
    }

    /** Judges a recorded history again: for a checker change, or other bounds, without running anything. */
    private int recheck(PrintWriter out, PrintWriter err) {
        try {
            Report report = new Checker(CheckerOptions.of(leaseMs, debounceMs, marginMs)).check(HistoryReader.read(recheck));
            out.print(new ReportWriter().write(report, reportDir));
            out.println("roster chaos: " + (report.passed() ? "PASSED" : "FAILED with " + report.violations().size()
                    + " violation(s)") + "; report in " + reportDir.toAbsolutePath());
            return report.passed() ? 0 : 1;
        } catch (IOException | IllegalArgumentException e) {
            err.println("roster chaos: cannot judge " + recheck + ": " + e.getMessage());
            return 2;
        } finally {
            out.flush();
            err.flush();
        }
    }

    /** {@code 90s}, {@code 10m}, {@code 1500ms} or a bare number of seconds. */
    static long parseDuration(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        try {
            if (t.endsWith("ms")) {
                return Long.parseLong(t.substring(0, t.length() - 2));
            }
            if (t.endsWith("m")) {
                return Duration.ofMinutes(Long.parseLong(t.substring(0, t.length() - 1))).toMillis();
            }
            if (t.endsWith("s")) {
                return Duration.ofSeconds(Long.parseLong(t.substring(0, t.length() - 1))).toMillis();
            }
            return Duration.ofSeconds(Long.parseLong(t)).toMillis();
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--duration: '" + text + "' is not a time like 90s, 10m or 1500ms");
        }
    }

    static ClusterLayout parseLayout(String text) {
        Map<String, Integer> counts = new LinkedHashMap<>(Map.of("meta", 3, "data", 3, "session", 2));
        for (String part : text.split(",")) {
            String[] kv = part.trim().split("=");
            if (kv.length != 2 || !counts.containsKey(kv[0].trim())) {
                throw new IllegalArgumentException("--cluster: '" + part.trim() + "' is not meta=N, data=N or session=N");
            }
            try {
                counts.put(kv[0].trim(), Integer.parseInt(kv[1].trim()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--cluster: '" + kv[1].trim() + "' is not a count");
            }
        }
        return new ClusterLayout(counts.get("meta"), counts.get("data"), counts.get("session"));
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "";
        }
    }

    private static void removeDataDirs(LocalCluster cluster) {
        for (NodeName n : cluster.nodes()) {
            deleteTree(cluster.config(n).dataDir());
        }
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // left behind: harmless, the report says where the cluster was
        }
    }
}
