package io.roster.tools.cli;

import io.roster.common.lever.IncidentLevers;
import io.roster.common.model.NodeRole;
import io.roster.common.wire.ClusterStatusReply;
import io.roster.common.wire.NodeStatus;
import io.roster.tools.options.WatchOption;
import io.roster.tools.output.JsonOutput;
import io.roster.tools.output.ModelJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/** `roster status`: the cluster as the meta leader sees it. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Show meta peers and leader, live data and session nodes with their counts, the slot-table epoch, the incident levers and sessions whose pushes are stopped.")
public final class StatusCommand extends MetaQueryCommand {
    @Mixin
    WatchOption watch;

    @Override
    WatchOption watch() {
        return watch;
    }

    @Override
    int run(PrintWriter out, PrintWriter err) {
        ClusterStatusReply reply = clusterStatus();
        if (meta.json()) {
            JsonOutput.print(out, toJson(reply));
        } else {
            printText(out, reply);
        }
        return 0;
    }

    private static Map<String, Object> toJson(ClusterStatusReply r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("metaLeader", r.leaderAddress());
        m.put("metaPeers", r.metaPeers());
        m.put("slotTableEpoch", r.slotTable() == null ? 0 : r.slotTable().epoch());
        m.put("nodes", r.nodes().stream().map(n -> {
            Map<String, Object> node = ModelJson.node(n.node());
            node.put("millisSinceHeartbeat", n.millisSinceHeartbeat());
            node.put("publishers", n.publishers());
            node.put("subscribers", n.subscribers());
            node.put("clients", n.clients());
            if (n.node().role() == NodeRole.SESSION) {
                node.put("pushStopped", n.pushStopped());
            }
            return node;
        }).toList());
        m.put("totals", totals(r));
        IncidentLevers l = r.levers();
        m.put("levers", Map.of("version", l.version(), "clientOff", l.clientOff(), "blacklistIps", l.blacklistIps(),
                "blacklistDataIds", l.blacklistDataIds(), "grayPushIps", l.grayPushIps()));
        return m;
    }

    private static Map<String, Long> totals(ClusterStatusReply r) {
        long sessionPubs = 0;
        long subs = 0;
        long clients = 0;
        for (NodeStatus n : r.nodes()) {
            if (n.node().role() == NodeRole.SESSION) {
                sessionPubs += n.publishers();
                subs += n.subscribers();
                clients += n.clients();
            }
        }
        Map<String, Long> t = new LinkedHashMap<>();
        t.put("publishers", sessionPubs);
        t.put("subscribers", subs);
        t.put("clients", clients);
        return t;
    }

    private static void printText(PrintWriter out, ClusterStatusReply r) {
        out.println("meta leader: " + r.leaderAddress() + "   peers: " + String.join(", ", r.metaPeers()));
        long epoch = r.slotTable() == null ? 0 : r.slotTable().epoch();
        int slots = r.slotTable() == null ? 0 : r.slotTable().slotCount();
        out.println("slot table: epoch " + epoch + ", " + slots + " slots");
        Map<String, Integer> leaders = r.slotTable() == null ? Map.of() : new TreeMap<>(r.slotTable().leaderCounts());
        out.printf("%-8s %-22s %8s %10s %11s %8s %s%n", "ROLE", "ADDRESS", "LAST HB", "PUBLISHERS", "SUBSCRIBERS", "CLIENTS", "SLOTS LED");
        for (NodeStatus n : r.nodes()) {
            out.printf("%-8s %-22s %6dms %10d %11d %8d %s%n", n.node().role().name().toLowerCase(), n.node().address(),
                    n.millisSinceHeartbeat(), n.publishers(), n.subscribers(), n.clients(),
                    n.node().role() == NodeRole.DATA ? leaders.getOrDefault(n.node().address(), 0)
                            : n.pushStopped() ? "(pushes stopped)" : "");
        }
        IncidentLevers l = r.levers();
        if (!l.isEmpty()) {
            out.println("levers: client-off " + l.clientOff() + ", blacklist-ip " + l.blacklistIps() + ", blacklist-dataid "
                    + l.blacklistDataIds() + ", gray-push " + l.grayPushIps());
        }
        Map<String, Long> t = totals(r);
        out.println("total: " + t.get("publishers") + " publishers, " + t.get("subscribers") + " subscribers, "
                + t.get("clients") + " clients");
    }
}
