package io.roster.tools.cli.cluster;

import io.roster.common.model.NodeInfo;
import io.roster.common.model.NodeRole;
import io.roster.common.wire.ClusterStatusReply;
import io.roster.common.wire.NodeStatus;
import io.roster.tools.cluster.ClusterProbe;
import io.roster.tools.cluster.LocalCluster;
import io.roster.tools.cluster.NodeConfig;
import io.roster.tools.cluster.NodeName;
import io.roster.tools.options.OutputOption;
import io.roster.tools.output.JsonOutput;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** `roster cluster status`: each node's process and whether the cluster counts it in. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = {"Each node of the cluster in DIR: role, index, pid, whether its process runs, its ports, and",
                "how the cluster sees it (a meta node asked directly: leader or follower; data and session: live in meta)."})
final class ClusterStatusCommand extends ClusterSubcommand {
    @Mixin
    OutputOption output;

    /** One node's row. */
    record Row(String node, String role, int index, long pid, boolean alive, String address, String admin, String cluster) {
    }

    @Override
    int execute(LocalCluster cluster, PrintWriter out, PrintWriter err) {
        if (output.json()) {
            JsonOutput.print(out, rows(cluster));
        } else {
            printNodes(cluster, out);
        }
        return 0;
    }

    static void printNodes(LocalCluster cluster, PrintWriter out) {
        out.printf("%-10s %8s %-6s %-22s %-22s %s%n", "NODE", "PID", "ALIVE", "ADDRESS", "ADMIN", "IN CLUSTER");
        for (Row r : rows(cluster)) {
            out.printf("%-10s %8s %-6s %-22s %-22s %s%n", r.node(), r.pid() < 0 ? "-" : Long.toString(r.pid()),
                    r.alive() ? "yes" : "no", r.address(), r.admin(), r.cluster());
        }
    }

    static List<Row> rows(LocalCluster cluster) {
        List<Row> rows = new ArrayList<>();
        try (ClusterProbe probe = new ClusterProbe(1000)) {
            Optional<ClusterStatusReply> leader = probe.leaderStatus(cluster.metaAddresses());
            for (NodeName n : cluster.nodes()) {
                NodeConfig c = cluster.config(n);
                Optional<ProcessHandle> h = cluster.processes().running(n);
                String seen;
                if (n.role() == NodeRole.META) {
                    seen = probe.ask(c.address()).describe();
                } else if (leader.isEmpty()) {
                    seen = "unknown: no meta leader answers";
                } else {
                    seen = liveness(leader.get(), n, c.address(), h.map(ProcessHandle::pid).orElse(-1L));
                }
                rows.add(new Row(n.toString(), n.roleName(), n.index(), h.map(ProcessHandle::pid).orElse(-1L), h.isPresent(),
                        c.address(), c.adminAddress(), seen));
            }
        }
        return rows;
    }

    private static String liveness(ClusterStatusReply leader, NodeName n, String address, long pid) {
        for (NodeStatus s : leader.nodes()) {
            NodeInfo info = s.node();
            if (info.role() == n.role() && info.address().equals(address)) {
                return info.processId().pid() == pid ? "live (heartbeat " + s.millisSinceHeartbeat() + " ms ago)"
                        : "listed as an earlier run (pid " + info.processId().pid() + "), lease not expired yet";
            }
        }
        return "not live in meta";
    }
}
