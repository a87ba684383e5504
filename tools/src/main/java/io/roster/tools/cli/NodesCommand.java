package io.roster.tools.cli;

import io.roster.common.model.NodeRole;
import io.roster.common.wire.ClusterStatusReply;
import io.roster.common.wire.NodeStatus;
import io.roster.tools.options.WatchOption;
import io.roster.tools.output.JsonOutput;
import io.roster.tools.output.ModelJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.io.PrintWriter;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** {@code roster nodes}: the live data and session nodes as the meta leader sees them. */
@Command(name = "nodes", mixinStandardHelpOptions = true,
        description = "List live data and session nodes: address, process id, heartbeat age and counts.")
public final class NodesCommand extends MetaQueryCommand {
    @Mixin
    WatchOption watch;

    @Override
    WatchOption watch() {
        return watch;
    }

    private static final Comparator<NodeStatus> ORDER = Comparator.comparing((NodeStatus n) -> n.node().role())
            .thenComparing(n -> n.node().address());

    @Override
    int run(PrintWriter out, PrintWriter err) {
        ClusterStatusReply reply = clusterStatus();
        List<NodeStatus> nodes = reply.nodes().stream().sorted(ORDER).toList();
        if (meta.json()) {
            JsonOutput.print(out, Map.of("nodes", nodes.stream().map(NodesCommand::json).toList()));
        } else {
            printText(out, nodes);
        }
        return 0;
    }

    private static Map<String, Object> json(NodeStatus n) {
        Map<String, Object> m = ModelJson.node(n.node());
        m.put("pid", n.node().processId().pid());
        m.put("startTimeMillis", n.node().processId().startTimeMillis());
        m.put("millisSinceHeartbeat", n.millisSinceHeartbeat());
        m.put("publishers", n.publishers());
        m.put("subscribers", n.subscribers());
        m.put("clients", n.clients());
        return m;
    }

    private static void printText(PrintWriter out, List<NodeStatus> nodes) {
        long data = nodes.stream().filter(n -> n.node().role() == NodeRole.DATA).count();
        out.println(data + " data, " + (nodes.size() - data) + " session nodes live");
        out.printf("%-8s %-22s %8s %8s %10s %11s %8s%n", "ROLE", "ADDRESS", "PID", "LAST HB", "PUBLISHERS", "SUBSCRIBERS", "CLIENTS");
        for (NodeStatus n : nodes) {
            // a data node's clients are the sessions that said hello to it
            out.printf("%-8s %-22s %8d %6dms %10d %11d %8d%n", n.node().role().name().toLowerCase(), n.node().address(),
                    n.node().processId().pid(), n.millisSinceHeartbeat(), n.publishers(), n.subscribers(), n.clients());
        }
    }
}
