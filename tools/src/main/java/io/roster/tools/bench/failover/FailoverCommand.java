package io.roster.tools.bench.failover;

import io.roster.common.config.ConfigException;
import io.roster.common.config.ConfigKeys;
import io.roster.common.config.RosterConfig;
import io.roster.tools.bench.stats.Samples;
import io.roster.tools.cluster.ClusterException;
import io.roster.tools.cluster.LocalCluster;
import io.roster.tools.cluster.NodeName;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** `roster bench failover`: kill -9 recovery times of a local cluster, meta leader and data node. */
@Command(name = "failover", mixinStandardHelpOptions = true,
        description = {"Measure failover on a local cluster (roster cluster start): kill -9 the meta leader and time",
                "until a new leader answers; kill -9 the data node leading the most slots and time until all its slots",
                "have new leaders. Each victim is restarted and rejoins before the next run. Prints each run, median and max."})
public final class FailoverCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--cluster", required = true, paramLabel = "DIR", description = "The local cluster's directory.")
    Path dir;

    @Option(names = "--runs", paramLabel = "N", defaultValue = "10", description = "Runs per scenario (default: ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--only", paramLabel = "meta|data", description = "Run one scenario only.")
    String only;

    @Option(names = "--timeout-secs", paramLabel = "S", defaultValue = "60",
            description = "Bound on each wait: a failover, a rejoin (default: ${DEFAULT-VALUE}).")
    int timeoutSecs;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            if (runs < 1) {
                throw new ConfigException("--runs must be at least 1");
            }
            if (only != null && !only.equals("meta") && !only.equals("data")) {
                throw new ConfigException("--only takes meta or data, got " + only);
            }
            LocalCluster cluster = LocalCluster.in(dir);
            Duration timeout = Duration.ofSeconds(timeoutSecs);
            out.println("failover benchmark on " + cluster.dir() + ": " + settings(cluster) + "; " + runs + " run(s) each");
            List<String> summary = new ArrayList<>();
            for (FailoverScenario s : scenarios(cluster, timeout)) {
                summary.add(measure(s, out));
            }
            out.println("summary:");
            summary.forEach(line -> out.println("  " + line));
            return 0;
        } catch (ConfigException e) {
            err.println("roster bench failover: " + e.getMessage());
            return 2;
        } catch (ClusterException | IllegalStateException | UncheckedIOException e) {
            err.println("roster bench failover: " + e.getMessage());
            return 1;
        } finally {
            out.flush();
            err.flush();
        }
    }

    private List<FailoverScenario> scenarios(LocalCluster cluster, Duration timeout) {
        List<FailoverScenario> list = new ArrayList<>();
        if (only == null || only.equals("meta")) {
            list.add(new MetaLeaderFailover(cluster, timeout));
        }
        if (only == null || only.equals("data")) {
            list.add(new DataNodeFailover(cluster, timeout));
        }
        return list;
    }

    private String measure(FailoverScenario s, PrintWriter out) {
        out.println(s.name() + ": " + s.measures());
        out.flush();
        List<Duration> failovers = new ArrayList<>();
        for (int i = 1; i <= runs; i++) {
            FailoverScenario.FailoverRun r = s.runOnce();
            failovers.add(r.failover());
            out.printf("  run %2d: %6d ms   %s; restarted and back in %.1f s%n", i, r.failover().toMillis(), r.victim(),
                    r.rejoin().toMillis() / 1000.0);
            out.flush();
        }
        Samples samples = new Samples(failovers);
        String line = String.format("%s failover: median %s, max %s, min %s (%d runs)", s.name(), Samples.ms(samples.median()),
                Samples.ms(samples.max()), Samples.ms(samples.min()), runs);
        out.println("  " + line);
        return line;
    }

    /** The settings that bound the figures, from the first meta node's configuration. */
    private static String settings(LocalCluster cluster) {
        NodeName first = cluster.nodes().get(0);
        RosterConfig c = RosterConfig.load(cluster.dir().config(first), Map.of(), Map.of());
        return cluster.nodes().size() + " nodes, lease " + c.get(ConfigKeys.LEASE_DURATION_MS) + " ms, heartbeat "
                + c.get(ConfigKeys.HEARTBEAT_INTERVAL_MS) + " ms, election timeout " + c.get(ConfigKeys.META_ELECTION_TIMEOUT_MS) + " ms";
    }
}
