package io.roster.tools;

import io.roster.common.model.Slot;
import io.roster.common.model.SlotTable;
import io.roster.tools.cli.SlotsCommand;
import io.roster.tools.cli.SlotsCommand.NodeSlots;
import io.roster.tools.cli.meta.Membership;
import io.roster.tools.cli.meta.Membership.Member;
import io.roster.tools.cli.meta.Membership.State;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The pure views behind roster meta peers and roster slots. */
class ClusterViewsTest {
    @Test
    void membershipNamesEachMembersState() {
        Membership m = new Membership("a:1", List.of("a:1", "b:1", "c:1"), List.of("d:1", "e:1"), Set.of("a:1", "b:1", "d:1"));
        assertThat(m.members()).containsExactly(
                new Member("a:1", true, State.LEADER),
                new Member("b:1", true, State.FOLLOWER),
                new Member("c:1", true, State.UNREACHABLE),
                new Member("d:1", false, State.LEARNER),
                new Member("e:1", false, State.UNREACHABLE));
    }

    @Test
    void perNodeCountsLedAndFollowedSlotsAndKeepsIdleAndDeadNodes() {
        SlotTable table = new SlotTable(9, List.of(
                new Slot(0, "x:1", List.of("y:1"), 3),
                new Slot(1, "y:1", List.of("gone:1"), 4),
                new Slot(2, "", List.of(), 0),
                new Slot(3, "x:1", List.of("y:1"), 9)));
        List<NodeSlots> rows = SlotsCommand.perNode(table, List.of("x:1", "y:1", "idle:1"));
        assertThat(rows).containsExactly(
                new NodeSlots("gone:1", false, List.of(), List.of(1)),
                new NodeSlots("idle:1", true, List.of(), List.of()),
                new NodeSlots("x:1", true, List.of(0, 3), List.of()),
                new NodeSlots("y:1", true, List.of(1), List.of(0, 3)));
    }
}
