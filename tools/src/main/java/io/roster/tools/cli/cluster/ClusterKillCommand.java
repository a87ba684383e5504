package io.roster.tools.cli.cluster;

import io.roster.tools.cluster.LocalCluster;
import io.roster.tools.cluster.NodeName;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;

/** `roster cluster kill ROLE INDEX`: SIGKILL of one node, as a crash would. */
@Command(name = "kill", mixinStandardHelpOptions = true, description = "Kill one node with SIGKILL (kill -9), e.g. kill data 2.")
final class ClusterKillCommand extends ClusterSubcommand {
    @Parameters(index = "0", paramLabel = "ROLE", description = "meta, data or session")
    String role;

    @Parameters(index = "1", paramLabel = "INDEX", description = "1-based, as in the node's name (data-2)")
    int index;

    @Override
    int execute(LocalCluster cluster, PrintWriter out, PrintWriter err) {
        NodeName n = NodeName.parse(role, index);
        long pid = cluster.processes().running(n).map(ProcessHandle::pid).orElse(-1L);
        if (!cluster.kill(n)) {
            err.println(prefix() + n + " is not running");
            return 1;
        }
        out.println("killed " + n + " (pid " + pid + ", " + cluster.config(n).address() + ") with SIGKILL");
        return 0;
    }
}
