package io.roster.tools.cli.cluster;

import io.roster.tools.cluster.LocalCluster;
import picocli.CommandLine.Command;

import java.io.PrintWriter;
import java.util.List;

/** `roster cluster stop`: SIGTERM to every node, SIGKILL to what is left after the grace period. */
@Command(name = "stop", mixinStandardHelpOptions = true,
        description = "Stop every node of the cluster in DIR: SIGTERM, then SIGKILL after 10 s. Configurations and data stay.")
final class ClusterStopCommand extends ClusterSubcommand {
    @Override
    int execute(LocalCluster cluster, PrintWriter out, PrintWriter err) {
        List<String> report = cluster.stop();
        if (report.isEmpty()) {
            out.println("no node of the cluster in " + cluster.dir() + " was running");
        }
        report.forEach(out::println);
        return 0;
    }
}
