package io.roster.meta.slot;

import io.roster.common.model.Slot;
import io.roster.common.model.SlotTable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SlotSchedulerTest {
    private static final String A = "10.0.0.1:9621";
    private static final String B = "10.0.0.2:9621";
    private static final String C = "10.0.0.3:9621";
    private static final String D = "10.0.0.4:9621";

    private final SlotScheduler scheduler = new SlotScheduler();

    @Test
    void firstDataNodeLeadsEverySlot() {
        SlotTable t = scheduler.next(SlotTable.EMPTY, List.of(A), 256, 2);

        assertThat(t.epoch()).isEqualTo(1);
        assertThat(t.slotCount()).isEqualTo(256);
        assertThat(t.slots()).allSatisfy(s -> {
            assertThat(s.leader()).isEqualTo(A);
            assertThat(s.followers()).isEmpty();
            assertThat(s.leaderEpoch()).isEqualTo(1);
        });
    }

    @Test
    void noDataNodeAndNoTableStaysEmpty() {
        assertThat(scheduler.next(SlotTable.EMPTY, List.of(), 16, 2)).isSameAs(SlotTable.EMPTY);
    }

    @Test
    void threeNodesAreBalanced() {
        SlotTable t = scheduler.next(SlotTable.EMPTY, List.of(C, A, B), 256, 2);

        assertBalanced(t, List.of(A, B, C), 2);
    }

    @Test
    void nodesJoiningOneByOneEndBalanced() {
        // A joining node first gets follower copies and leads only once they caught up, so each join takes
        // several tables (settle) where it used to take one.
        SlotTable t = scheduler.next(SlotTable.EMPTY, List.of(A), 256, 3);
        t = settle(t, List.of(A, B), 256, 3);
        assertBalanced(t, List.of(A, B), 2);
        t = settle(t, List.of(A, B, C), 256, 3);
        assertBalanced(t, List.of(A, B, C), 3);
        SlotTable four = settle(t, List.of(A, B, C, D), 256, 3);
        assertBalanced(four, List.of(A, B, C, D), 3);
        assertThat(four.epoch()).isGreaterThan(t.epoch());
    }

    @Test
    void aNewNodeTakesLeadershipOnlyWhereItAlsoBecameFollower() {
        SlotTable two = scheduler.next(SlotTable.EMPTY, List.of(A, B), 64, 2);
        SlotTable three = scheduler.next(two, List.of(A, B, C), 64, 2);

        // The first table after the join gives C follower copies only: leading needs a caught-up copy.
        assertThat(three.leaderCounts()).doesNotContainKey(C);
        assertThat(three.slots()).anySatisfy(s -> assertThat(s.followers()).contains(C));
        SlotTable t = two;
        for (int round = 0; round < 20; round++) {
            SlotTable next = scheduler.next(t, List.of(A, B, C), 64, 2);
            for (Slot s : next.slots()) {
                Slot before = t.slot(s.id());
                // every leadership change, to the new node included, goes to a follower of the previous table
                if (!s.leader().equals(before.leader())) {
                    assertThat(before.followers()).contains(s.leader());
                }
            }
            if (next == t) {
                break;
            }
            t = next;
        }
        assertBalanced(t, List.of(A, B, C), 2);
    }

    @Test
    void deadLeaderIsReplacedByItsFollowerWithoutOtherMoves() {
        // A leads 0,1 (followers B, C); B leads 2,3 (followers A, C); C leads 4 (follower A) and 5 (follower B).
        SlotTable before = new SlotTable(7, List.of(
                new Slot(0, A, List.of(B), 3), new Slot(1, A, List.of(C), 3),
                new Slot(2, B, List.of(A), 5), new Slot(3, B, List.of(C), 5),
                new Slot(4, C, List.of(A), 6), new Slot(5, C, List.of(B), 6)));

        SlotTable after = scheduler.next(before, List.of(A, B), 6, 2);

        assertThat(after.epoch()).isEqualTo(8);
        assertThat(after.slot(4).leader()).isEqualTo(A);
        assertThat(after.slot(5).leader()).isEqualTo(B);
        assertThat(after.slot(4).leaderEpoch()).isEqualTo(8);
        assertThat(after.slot(5).leaderEpoch()).isEqualTo(8);
        for (int i = 0; i < 4; i++) {
            assertThat(after.slot(i).leader()).isEqualTo(before.slot(i).leader());
            assertThat(after.slot(i).leaderEpoch()).isEqualTo(before.slot(i).leaderEpoch());
        }
        // the dead node's follower copies are replaced by the other live node; nothing else moves
        assertThat(after.slot(0).followers()).containsExactly(B);
        assertThat(after.slot(1).followers()).containsExactly(B);
        assertThat(after.slot(2).followers()).containsExactly(A);
        assertThat(after.slot(3).followers()).containsExactly(A);
        assertThat(after.slot(4).followers()).containsExactly(B);
        assertThat(after.slot(5).followers()).containsExactly(A);
    }

    @Test
    void deadLeaderOfAPlannedTableGoesToFollowersAndStaysBalanced() {
        SlotTable three = scheduler.next(SlotTable.EMPTY, List.of(A, B, C), 256, 2);
        SlotTable two = scheduler.next(three, List.of(A, B), 256, 2);

        assertBalanced(two, List.of(A, B), 2);
        int promoted = 0;
        int rebalanced = 0;
        for (Slot s : three.slots()) {
            Slot now = two.slot(s.id());
            if (s.leader().equals(C)) {
                promoted += now.leader().equals(s.followers().get(0)) ? 1 : 0;
                assertThat(now.leaderEpoch()).isEqualTo(two.epoch());
            } else if (!now.leader().equals(s.leader())) {
                rebalanced++;
            } else {
                assertThat(now.leaderEpoch()).isEqualTo(s.leaderEpoch());
            }
        }
        // followers of one leader are spread out, so promotion alone is nearly balanced
        assertThat(promoted).isEqualTo(three.leaderCounts().get(C));
        assertThat(rebalanced).isLessThanOrEqualTo(1);
    }

    @Test
    void lastDataNodeGoneLeavesSlotsWithoutLeader() {
        SlotTable one = scheduler.next(SlotTable.EMPTY, List.of(A), 8, 2);
        SlotTable none = scheduler.next(one, List.of(), 8, 2);

        assertThat(none.epoch()).isEqualTo(2);
        assertThat(none.slots()).allSatisfy(s -> {
            assertThat(s.hasLeader()).isFalse();
            assertThat(s.followers()).isEmpty();
        });
        SlotTable back = scheduler.next(none, List.of(B), 8, 2);
        assertThat(back.slots()).allSatisfy(s -> {
            assertThat(s.leader()).isEqualTo(B);
            assertThat(s.leaderEpoch()).isEqualTo(3);
        });
    }

    @Test
    void aRestartedLeadersSlotsGoToItsFollowersAndItComesBackAsAFollower() {
        SlotTable t = scheduler.next(SlotTable.EMPTY, List.of(A, B), 16, 2);

        // B's new process holds no copy: it is a new node, as if the old one had died and it had joined
        SlotTable after = scheduler.next(t, List.of(A, B), 16, 2, Set.of(B));

        assertThat(after.epoch()).isEqualTo(t.epoch() + 1);
        for (Slot s : after.slots()) {
            Slot before = t.slot(s.id());
            assertThat(s.leader()).isEqualTo(A);
            assertThat(s.followers()).containsExactly(B);
            assertThat(s.leaderEpoch()).isEqualTo(before.leader().equals(B) ? after.epoch() : before.leaderEpoch());
        }
        assertThat(scheduler.next(t, List.of(A, B), 16, 2, Set.of(C))).isSameAs(t);
    }

    @Test
    void aRestartedLeaderWithoutFollowersKeepsItsSlotsWithANewLeaderEpoch() {
        SlotTable one = scheduler.next(SlotTable.EMPTY, List.of(A), 8, 2);

        SlotTable after = scheduler.next(one, List.of(A), 8, 2, Set.of(A));

        assertThat(after.epoch()).isEqualTo(one.epoch() + 1);
        assertThat(after.slots()).allSatisfy(s -> {
            assertThat(s.leader()).isEqualTo(A);
            assertThat(s.leaderEpoch()).isEqualTo(after.epoch());
        });
    }

    @Test
    void nothingToChangeKeepsTheSameTableAndEpoch() {
        SlotTable t = scheduler.next(SlotTable.EMPTY, List.of(A, B, C), 128, 2);

        assertThat(scheduler.next(t, List.of(B, C, A), 128, 2)).isSameAs(t);
        SlotTable noLeaders = scheduler.next(scheduler.next(SlotTable.EMPTY, List.of(A), 4, 2), List.of(), 4, 2);
        assertThat(scheduler.next(noLeaders, List.of(), 4, 2)).isSameAs(noLeaders);
    }

    @Test
    void epochNeverDecreasesAcrossChurn() {
        List<List<String>> rounds = List.of(List.of(A), List.of(A, B), List.of(B), List.of(), List.of(C, D), List.of(A, B, C, D),
                List.of(A, D), List.of(A, D));
        SlotTable t = SlotTable.EMPTY;
        for (List<String> live : rounds) {
            // a join now takes several tables (followers first, leadership once caught up): plan until settled
            SlotTable next = settle(t, live, 32, 2);
            assertThat(next.epoch()).isGreaterThanOrEqualTo(t.epoch());
            for (Slot s : next.slots()) {
                assertThat(s.leaderEpoch()).isLessThanOrEqualTo(next.epoch());
                if (t.slotCount() > 0 && !s.leader().equals(t.slot(s.id()).leader())) {
                    assertThat(s.leaderEpoch()).isGreaterThan(t.slot(s.id()).leaderEpoch());
                }
            }
            if (!live.isEmpty()) {
                assertBalanced(next, live, Math.min(2, live.size()));
            }
            assertThat(scheduler.next(next, live, 32, 2)).as("a planned table is a fixed point").isSameAs(next);
            t = next;
        }
    }

    @Test
    void aJoiningNodeReceivesOnlyItsShareAndLeadsWhereItFollows() {
        SlotTable three = scheduler.next(SlotTable.EMPTY, List.of(A, B, C), 256, 2);
        SlotTable copies = scheduler.next(three, List.of(A, B, C, D), 256, 2);
        // first its share of follower copies, then (caught up) leadership of a quarter of them by swaps
        assertThat(copies.leaderCounts()).doesNotContainKey(D);
        SlotTable four = scheduler.next(copies, List.of(A, B, C, D), 256, 2);
        assertThat(scheduler.next(four, List.of(A, B, C, D), 256, 2)).isSameAs(four);

        assertBalanced(four, List.of(A, B, C, D), 2);
        int copiesMoved = 0;
        int leadersChanged = 0;
        for (Slot s : four.slots()) {
            Slot before = three.slot(s.id());
            for (String owner : owners(s)) {
                if (!owners(before).contains(owner)) {
                    copiesMoved++;
                    assertThat(owner).isEqualTo(D);
                }
            }
            if (!s.leader().equals(before.leader())) {
                leadersChanged++;
                assertThat(s.leader()).isEqualTo(D);
                assertThat(s.followers()).contains(before.leader());
            }
        }
        assertThat(copiesMoved).isEqualTo(512 / 4);
        assertThat(leadersChanged).isEqualTo(256 / 4);
    }

    @Test
    @Timeout(10)
    void largestClusterPlansQuickly() {
        SlotTable t = SlotTable.EMPTY;
        List<String> live = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            live.add("10.0.1." + i + ":9621");
            t = settle(t, live, 16_384, 3);
        }
        assertBalanced(t, live, 3);
        live.remove(3);
        t = settle(t, live, 16_384, 3);
        assertBalanced(t, live, 3);
    }

    @Test
    void sameInputGivesSameTable() {
        SlotTable base = scheduler.next(SlotTable.EMPTY, List.of(A, B), 256, 2);
        SlotTable first = scheduler.next(base, List.of(A, B, C, D), 256, 3);
        SlotTable second = new SlotScheduler().next(base, List.of(D, C, B, A), 256, 3);

        assertThat(second).isEqualTo(first);
        assertThat(second.slots()).isEqualTo(first.slots());
    }

    @Test
    void slotCountIsFixedOnceCreated() {
        SlotTable t = scheduler.next(SlotTable.EMPTY, List.of(A), 8, 2);

        assertThatThrownBy(() -> scheduler.next(t, List.of(A), 16, 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("fixed");
    }

    /**
     * Plans until the table stops changing, every follower catching up between two tables (what the one-step
     * overload assumes); fails if that takes more than a few tables.
     */
    private SlotTable settle(SlotTable t, List<String> live, int slots, int replicas) {
        for (int round = 0; round < 10; round++) {
            SlotTable next = scheduler.next(t, live, slots, replicas);
            if (next == t) {
                return t;
            }
            assertThat(next.epoch()).isEqualTo(t.epoch() + 1);
            t = next;
        }
        throw new AssertionError("the table did not settle within 10 tables");
    }

    /** Every slot led, leader counts within one, replicas on distinct live nodes, replica counts within one. */
    private static void assertBalanced(SlotTable t, List<String> live, int copies) {
        Map<String, Integer> leaders = new HashMap<>();
        Map<String, Integer> replicas = new HashMap<>();
        live.forEach(n -> {
            leaders.put(n, 0);
            replicas.put(n, 0);
        });
        for (Slot s : t.slots()) {
            assertThat(live).contains(s.leader());
            List<String> owners = new ArrayList<>(s.followers());
            owners.add(s.leader());
            Set<String> distinct = new HashSet<>(owners);
            assertThat(distinct).as("slot %d owners %s", s.id(), owners).hasSize(owners.size()).hasSize(copies);
            assertThat(live).containsAll(distinct);
            leaders.merge(s.leader(), 1, Integer::sum);
            owners.forEach(o -> replicas.merge(o, 1, Integer::sum));
        }
        assertThat(spread(leaders)).as("leaders per node %s", leaders).isLessThanOrEqualTo(1);
        assertThat(spread(replicas)).as("replicas per node %s", replicas).isLessThanOrEqualTo(1);
    }

    private static List<String> owners(Slot s) {
        List<String> owners = new ArrayList<>(s.followers());
        owners.add(s.leader());
        return owners;
    }

    private static int spread(Map<String, Integer> counts) {
        return counts.values().stream().max(Integer::compare).orElse(0) - counts.values().stream().min(Integer::compare).orElse(0);
    }
}
