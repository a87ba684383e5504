package io.roster.tools.cli.cluster;

import io.roster.common.config.ConfigException;
import io.roster.tools.cluster.ClusterFile;
import io.roster.tools.cluster.ClusterLayout;
import io.roster.tools.cluster.LocalCluster;
import io.roster.tools.cluster.NodeName;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** `roster cluster start`: creates a cluster in DIR (or reuses the one there) and starts every node. */
@Command(name = "start", mixinStandardHelpOptions = true,
        description = {"Start a local cluster, one JVM per node, and wait until every node is in it.",
                "A new DIR gets one configuration per node with free ports (fixed from then on);",
                "a DIR that already holds a cluster starts its stopped nodes from their saved configurations."})
final class ClusterStartCommand extends ClusterSubcommand {
    @Option(names = "--meta", paramLabel = "N", description = "Meta nodes (default 3).")
    Integer metas;

    @Option(names = "--data", paramLabel = "N", description = "Data nodes (default 3).")
    Integer datas;

    @Option(names = "--session", paramLabel = "N", description = "Session nodes (default 2).")
    Integer sessions;

    @Option(names = "--host", paramLabel = "HOST", defaultValue = "127.0.0.1", description = "Address every node binds (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "A configuration key for every node of a new cluster, e.g. lease.duration-ms=1500; repeatable.")
    Map<String, String> overrides = new LinkedHashMap<>();

    @Option(names = "--timeout-secs", paramLabel = "S", defaultValue = "120",
            description = "How long to wait for every node to join (default: ${DEFAULT-VALUE}).")
    int timeoutSecs;

    @Override
    int execute(LocalCluster cluster, PrintWriter out, PrintWriter err) {
        boolean existing = cluster.dir().exists();
        if (existing) {
            if (metas != null || datas != null || sessions != null || !overrides.isEmpty()) {
                throw new ConfigException(cluster.dir() + " already holds a cluster (" + ClusterLayout.of(cluster.nodes())
                        + "); its saved configurations decide counts and keys, so drop --meta/--data/--session/--set, "
                        + "or use a new DIR");
            }
            out.println("starting the cluster in " + cluster.dir() + " (" + ClusterLayout.of(cluster.nodes()) + ") from its saved configurations");
        } else {
            ClusterLayout layout = new ClusterLayout(metas == null ? 3 : metas, datas == null ? 3 : datas, sessions == null ? 2 : sessions);
            cluster.create(layout, host, overrides);
            out.println("created a cluster of " + layout + " in " + cluster.dir());
        }
        out.flush();
        long t0 = System.nanoTime();
        List<NodeName> launched;
        try {
            launched = cluster.start(Duration.ofSeconds(timeoutSecs));
        } catch (RuntimeException e) {
            // a new cluster none of whose nodes ever ran is taken back, so DIR can be used again as is
            if (!existing && cluster.removeUnstarted()) {
                out.println("no node started: removed the new cluster's files from " + cluster.dir());
            }
            throw e;
        }
        out.printf("cluster up in %.1f s (%d node(s) started)%n", (System.nanoTime() - t0) / 1e9, launched.size());
        ClusterStatusCommand.printNodes(cluster, out);
        ClusterFile file = ClusterFile.read(cluster.dir().path());
        out.println("per node NAME: config NAME.properties, log NAME.log, pid NAME.pid, data NAME/ in " + cluster.dir());
        out.println("addresses (" + ClusterFile.in(cluster.dir().path()) + "):");
        out.println("  meta=" + String.join(",", file.meta()));
        out.println("  sessions=" + String.join(",", file.sessions()));
        out.println("  data=" + String.join(",", file.data()));
        out.println("  http=" + String.join(",", file.http()));
        out.println("try: roster status --cluster " + cluster.dir() + "   stop: roster cluster stop --dir " + cluster.dir());
        return 0;
    }
}
