package io.roster.tools.output;

import io.roster.common.model.Datum;
import io.roster.common.model.NodeInfo;
import io.roster.common.model.Publisher;
import io.roster.common.model.Slot;
import io.roster.common.model.SlotTable;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** JSON shapes of the model for the admin API and the CLI's --json output. Data items render as UTF-8 text. */
public final class ModelJson {
    private ModelJson() {
    }

    public static Map<String, Object> node(NodeInfo n) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("role", n.role().name().toLowerCase());
        m.put("address", n.address());
        m.put("processId", n.processId().toString());
        return m;
    }

    public static Map<String, Object> slotTable(SlotTable table) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("epoch", table.epoch());
        m.put("slotCount", table.slotCount());
        m.put("leadersPerNode", new TreeMap<>(table.leaderCounts()));
        m.put("slots", table.slots().stream().map(ModelJson::slot).toList());
        return m;
    }

    /** One slot: id, leader, followers, leaderEpoch. */
    public static Map<String, Object> slot(Slot s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", s.id());
        m.put("leader", s.leader());
        m.put("followers", s.followers());
        m.put("leaderEpoch", s.leaderEpoch());
        return m;
    }

    public static Map<String, Object> datum(Datum d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("dataInfoId", d.dataInfoId());
        m.put("version", d.version());
        m.put("publishers", d.publishers().stream().map(ModelJson::publisher).toList());
        return m;
    }

    static Map<String, Object> publisher(Publisher p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("registerId", p.registerId());
        m.put("clientId", p.clientId());
        m.put("appName", p.appName());
        m.put("version", p.version());
        m.put("registerTimestamp", p.registerTimestamp());
        m.put("connectionGeneration", p.connectionGeneration());
        m.put("session", p.sessionProcessId().toString());
        m.put("data", strings(p.data()));
        return m;
    }

    public static List<String> strings(List<byte[]> data) {
        return data.stream().map(b -> new String(b, StandardCharsets.UTF_8)).toList();
    }
}
