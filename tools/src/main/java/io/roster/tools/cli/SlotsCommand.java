package io.roster.tools.cli;

import io.roster.common.model.NodeRole;
import io.roster.common.model.Slot;
import io.roster.common.model.SlotTable;
import io.roster.common.wire.ClusterStatusReply;
import io.roster.tools.options.WatchOption;
import io.roster.tools.output.JsonOutput;
import io.roster.tools.output.ModelJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** {@code roster slots}: the slot table's epoch and what each data node leads and follows. */
@Command(name = "slots", mixinStandardHelpOptions = true,
        description = "Show the slot table: its epoch, then per data node the slots it leads and follows.")
public final class SlotsCommand extends MetaQueryCommand {
    @Mixin
    WatchOption watch;

    @Override
    WatchOption watch() {
        return watch;
    }

    @Option(names = "--all", description = "Also print every slot: leader, followers and leaderEpoch.")
    boolean all;

    /** What one data node holds in a table; {@code live} says whether meta currently has it as a live node. */
    public record NodeSlots(String address, boolean live, List<Integer> led, List<Integer> followed) {
        public NodeSlots {
            led = List.copyOf(led);
            followed = List.copyOf(followed);
        }
    }

    /**
     * One row per data node named in the table or live, by address. A live node with no slots still gets a row
     * (it just joined), and so does a node the table still names but meta no longer has as live.
     */
    public static List<NodeSlots> perNode(SlotTable table, Collection<String> liveData) {
        Map<String, List<Integer>> led = new TreeMap<>();
        Map<String, List<Integer>> followed = new TreeMap<>();
        liveData.forEach(a -> led.computeIfAbsent(a, k -> new ArrayList<>()));
        for (Slot s : table.slots()) {
            if (s.hasLeader()) {
                led.computeIfAbsent(s.leader(), k -> new ArrayList<>()).add(s.id());
            }
            for (String f : s.followers()) {
                followed.computeIfAbsent(f, k -> new ArrayList<>()).add(s.id());
                led.computeIfAbsent(f, k -> new ArrayList<>());
            }
        }
        Set<String> live = Set.copyOf(liveData);
        return led.entrySet().stream().map(e -> new NodeSlots(e.getKey(), live.contains(e.getKey()), e.getValue(),
                followed.getOrDefault(e.getKey(), List.of()))).toList();
    }

    @Override
    int run(PrintWriter out, PrintWriter err) {
        ClusterStatusReply reply = clusterStatus();
        SlotTable table = reply.slotTable() == null ? SlotTable.EMPTY : reply.slotTable();
        List<String> liveData = reply.nodes().stream().filter(n -> n.node().role() == NodeRole.DATA)
                .map(n -> n.node().address()).toList();
        List<NodeSlots> nodes = perNode(table, liveData);
        if (meta.json()) {
            JsonOutput.print(out, json(table, nodes));
        } else {
            printText(out, table, nodes);
        }
        return 0;
    }

    private Map<String, Object> json(SlotTable table, List<NodeSlots> nodes) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("epoch", table.epoch());
        m.put("slotCount", table.slotCount());
        m.put("slotsWithoutLeader", table.slots().stream().filter(s -> !s.hasLeader()).count());
        m.put("nodes", nodes.stream().map(n -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("address", n.address());
            row.put("live", n.live());
            row.put("leads", n.led().size());
            row.put("follows", n.followed().size());
            row.put("ledSlots", n.led());
            row.put("followedSlots", n.followed());
            return row;
        }).toList());
        if (all) {
            m.put("slots", table.slots().stream().map(ModelJson::slot).toList());
        }
        return m;
    }

    private void printText(PrintWriter out, SlotTable table, List<NodeSlots> nodes) {
        long leaderless = table.slots().stream().filter(s -> !s.hasLeader()).count();
        out.println("slot table: epoch " + table.epoch() + ", " + table.slotCount() + " slots"
                + (leaderless == 0 ? "" : ", " + leaderless + " without a leader"));
        out.printf("%-22s %-5s %6s %8s%n", "DATA NODE", "LIVE", "LEADS", "FOLLOWS");
        for (NodeSlots n : nodes) {
            out.printf("%-22s %-5s %6d %8d%n", n.address(), n.live() ? "yes" : "no", n.led().size(), n.followed().size());
        }
        if (all) {
            out.println();
            out.printf("%5s %-22s %12s  %s%n", "SLOT", "LEADER", "LEADER EPOCH", "FOLLOWERS");
            for (Slot s : table.slots()) {
                out.printf("%5d %-22s %12d  %s%n", s.id(), s.hasLeader() ? s.leader() : "-", s.leaderEpoch(),
                        s.followers().isEmpty() ? "-" : String.join(",", s.followers()));
            }
        }
    }
}
