package io.roster.tools.server;

import io.roster.common.model.NodeInfo;
import io.roster.common.model.NodeRole;
import io.roster.common.model.ProcessId;
import io.roster.common.model.Slot;
import io.roster.common.model.SlotTable;
import io.roster.common.wire.ClusterStatusReply;
import io.roster.common.wire.ErrorCode;
import io.roster.common.wire.NodeStatus;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ClusterOverviewTest {
    private static final String A = "127.0.0.1:9601";
    private static final String B = "127.0.0.1:9602";
    private static final String S = "127.0.0.1:9603";

    private static NodeStatus node(NodeRole role, String address, long pubs, long subs, long clients) {
        return new NodeStatus(new NodeInfo(role, address, new ProcessId(address, 1, 100)), 150, pubs, subs, clients);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Object o) {
        return (List<Map<String, Object>>) o;
    }

    @Test
    void eachSlotGetsItsStateAndEachNodeItsCounts() {
        SlotTable table = new SlotTable(7, List.of(
                new Slot(0, A, List.of(B), 3),
                new Slot(1, B, List.of(A), 4),
                new Slot(2, A, List.of(), 5),
                new Slot(3, "", List.of(), 0)));
        ClusterStatusReply reply = new ClusterStatusReply(ErrorCode.OK, "", "m1", List.of("m1", "m2"),
                List.of(node(NodeRole.DATA, A, 0, 0, 0), node(NodeRole.DATA, B, 0, 0, 0), node(NodeRole.SESSION, S, 3, 4, 2)),
                table, List.of(1), null);

        Map<String, Object> json = ClusterOverview.json(reply, 2);

        assertThat(json).containsEntry("metaLeader", "m1").containsEntry("slotTableEpoch", 7L).containsEntry("slotCount", 4)
                .containsEntry("migrating", List.of(1));
        assertThat(list(json.get("slots"))).extracting(s -> s.get("state"))
                .containsExactly("ok", "migrating", "under-replicated", "no-leader");
        List<Map<String, Object>> data = list(json.get("dataNodes"));
        assertThat(data).hasSize(2);
        assertThat(data.get(0)).containsEntry("address", A).containsEntry("slotsLed", 2).containsEntry("slotsFollowed", 1)
                .containsEntry("millisSinceHeartbeat", 150L);
        assertThat(list(json.get("sessionNodes")).get(0)).containsEntry("address", S).containsEntry("publishers", 3L).containsEntry("clients", 2L);
        assertThat(json.get("totals")).isEqualTo(Map.of("publishers", 3L, "subscribers", 4L, "clients", 2L));
    }

    @Test
    void oneDataNodeWantsNoFollowersAndAnOldMetaSaysNothingMigrates() {
        SlotTable table = new SlotTable(2, List.of(new Slot(0, A, List.of(), 1)));
        ClusterStatusReply reply = new ClusterStatusReply(ErrorCode.OK, "", "m1", List.of("m1"),
                List.of(node(NodeRole.DATA, A, 0, 0, 0)), table);
        Map<String, Object> json = ClusterOverview.json(reply, 2);
        assertThat(list(json.get("slots")).get(0).get("state")).isEqualTo("ok");
        assertThat(json.get("migrating")).isEqualTo(List.of());
    }
}
