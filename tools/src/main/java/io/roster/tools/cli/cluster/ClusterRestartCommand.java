package io.roster.tools.cli.cluster;

import io.roster.tools.cluster.LocalCluster;
import io.roster.tools.cluster.NodeName;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.time.Duration;

/** `roster cluster restart ROLE INDEX`: one node again, from its saved configuration. */
@Command(name = "restart", mixinStandardHelpOptions = true,
        description = {"Start one node again from its saved configuration (same ports, same data directory) and wait",
                "until it is back in the cluster. A running node is stopped first with SIGTERM."})
final class ClusterRestartCommand extends ClusterSubcommand {
    @Parameters(index = "0", paramLabel = "ROLE", description = "meta, data or session")
    String role;

    @Parameters(index = "1", paramLabel = "INDEX", description = "1-based, as in the node's name (data-2)")
    int index;

    @Option(names = "--timeout-secs", paramLabel = "S", defaultValue = "60",
            description = "How long to wait for the node to rejoin (default: ${DEFAULT-VALUE}).")
    int timeoutSecs;

    @Override
    int execute(LocalCluster cluster, PrintWriter out, PrintWriter err) {
        NodeName n = NodeName.parse(role, index);
        long t0 = System.nanoTime();
        ProcessHandle h = cluster.restart(n, Duration.ofSeconds(timeoutSecs));
        out.printf("%s is back (pid %d, %s) after %.1f s; log %s%n", n, h.pid(), cluster.config(n).address(),
                (System.nanoTime() - t0) / 1e9, cluster.dir().log(n));
        return 0;
    }
}
