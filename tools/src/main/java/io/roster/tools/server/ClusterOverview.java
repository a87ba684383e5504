package io.roster.tools.server;

import io.roster.common.model.NodeRole;
import io.roster.common.model.Slot;
import io.roster.common.model.SlotTable;
import io.roster.common.wire.ClusterStatusReply;
import io.roster.common.wire.NodeStatus;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The JSON of {@code GET /api/cluster}, the console's overview, from the meta leader's cluster status: pure. Each
 * slot gets a state: {@code no-leader} (no live data node holds it), {@code migrating} (a follower copy not yet
 * reported caught up), {@code under-replicated} (fewer followers than {@code cluster.replicas - 1} allows with the
 * live data nodes), else {@code ok}.
 */
final class ClusterOverview {
    private ClusterOverview() {
    }

    static Map<String, Object> json(ClusterStatusReply reply, int replicas) {
        SlotTable table = reply.slotTable() == null ? SlotTable.EMPTY : reply.slotTable();
        Set<Integer> migrating = new HashSet<>(reply.migratingSlots());
        Map<String, Integer> led = new HashMap<>();
        Map<String, Integer> followed = new HashMap<>();
        for (Slot s : table.slots()) {
            if (s.hasLeader()) {
                led.merge(s.leader(), 1, Integer::sum);
            }
            s.followers().forEach(f -> followed.merge(f, 1, Integer::sum));
        }
        List<Map<String, Object>> data = new ArrayList<>();
        List<Map<String, Object>> sessions = new ArrayList<>();
        long publishers = 0;
        long subscribers = 0;
        long clients = 0;
        for (NodeStatus n : reply.nodes()) {
            Map<String, Object> node = new LinkedHashMap<>();
            node.put("address", n.node().address());
            node.put("processId", n.node().processId().toString());
            node.put("millisSinceHeartbeat", n.millisSinceHeartbeat());
            if (n.node().role() == NodeRole.DATA) {
                node.put("slotsLed", led.getOrDefault(n.node().address(), 0));
                node.put("slotsFollowed", followed.getOrDefault(n.node().address(), 0));
                data.add(node);
            } else if (n.node().role() == NodeRole.SESSION) {
                node.put("publishers", n.publishers());
                node.put("subscribers", n.subscribers());
                node.put("clients", n.clients());
                publishers += n.publishers();
                subscribers += n.subscribers();
                clients += n.clients();
                sessions.add(node);
            }
        }
        int wantedFollowers = Math.max(0, Math.min(replicas, data.size()) - 1);
        List<Map<String, Object>> slots = new ArrayList<>();
        for (Slot s : table.slots()) {
            Map<String, Object> slot = new LinkedHashMap<>();
            slot.put("id", s.id());
            slot.put("leader", s.leader());
            slot.put("followers", s.followers());
            slot.put("leaderEpoch", s.leaderEpoch());
            slot.put("state", state(s, migrating.contains(s.id()), wantedFollowers));
            slots.add(slot);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("metaLeader", reply.leaderAddress());
        out.put("metaPeers", reply.metaPeers());
        out.put("slotTableEpoch", table.epoch());
        out.put("slotCount", table.slotCount());
        out.put("replicas", replicas);
        out.put("dataNodes", data);
        out.put("sessionNodes", sessions);
        out.put("totals", Map.of("publishers", publishers, "subscribers", subscribers, "clients", clients));
        out.put("migrating", reply.migratingSlots());
        out.put("slots", slots);
        return out;
    }

    static String state(Slot slot, boolean migrating, int wantedFollowers) {
        if (!slot.hasLeader()) {
            return "no-leader";
        }
        if (migrating) {
            return "migrating";
        }
        return slot.followers().size() < wantedFollowers ? "under-replicated" : "ok";
    }
}
