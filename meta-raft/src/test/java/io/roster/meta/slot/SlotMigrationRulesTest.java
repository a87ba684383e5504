package io.roster.meta.slot;

import io.roster.common.model.Slot;
import io.roster.common.model.SlotTable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The rules of issue 3 that need replica progress: lead only once caught up, a cap on migrations, fast promotion. */
class SlotMigrationRulesTest {
    private static final String A = "10.0.0.1:9621";
    private static final String B = "10.0.0.2:9621";
    private static final String C = "10.0.0.3:9621";
    private static final String D = "10.0.0.4:9621";
    private static final String E = "10.0.0.5:9621";

    private final SlotScheduler scheduler = new SlotScheduler();

    @ParameterizedTest(name = "{0} -> {1} nodes, {2} slots, replicas {3}, cap {4}")
    @CsvSource({"3, 4, 256, 2, 8", "1, 2, 64, 1, 4", "3, 5, 128, 3, 16", "2, 3, 16, 2, 1", "4, 5, 512, 2, 16"})
    void joiningNodesLeadOnlyCaughtUpCopiesWithinTheCapAndEndBalanced(int before, int after, int slots, int replicas, int cap) {
        List<String> nodes = List.of(A, B, C, D, E);
        SlotTable start = scheduler.next(SlotTable.EMPTY, nodes.subList(0, before), slots, replicas);
        SlotRules rules = new SlotRules(slots, replicas, cap);
        List<String> live = nodes.subList(0, after);

        // A follower catches up one table after it got its copy: planning from cur, only the followers it shares
        // with prev (same leader, same leaderEpoch) have reported caught up.
        SlotTable prev = start;
        SlotTable cur = start;
        int rounds = 0;
        while (true) {
            ReplicaProgress progress = lagOneTable(prev, cur);
            SlotTable next = scheduler.next(cur, live, Set.of(), progress, rules);
            if (next == cur && prev == cur) {
                break;
            }
            assertThat(++rounds).as("rounds to settle").isLessThan(400);
            assertThat(next.epoch()).isIn(cur.epoch(), cur.epoch() + 1);
            assertThat(progress.migratingSlots(next)).as("migrating slots in epoch %d", next.epoch()).isLessThanOrEqualTo(cap);
            for (Slot s : next.slots()) {
                Slot was = cur.slot(s.id());
                if (!s.leader().equals(was.leader())) {
                    assertThat(progress.caughtUp(s.id(), s.leader(), was.leaderEpoch()))
                            .as("slot %d goes to %s, which must hold a caught-up copy", s.id(), s.leader()).isTrue();
                    assertThat(s.leaderEpoch()).isEqualTo(next.epoch());
                }
            }
            prev = cur;
            cur = next;
        }
        assertBalanced(cur, live, Math.min(replicas, after));
    }

    @Test
    void aNewClusterFillsEveryFollowerBeforeBalancingLeaders() {
        // cluster start: the first data node leads every slot, the two others join empty right after
        SlotTable t = scheduler.next(SlotTable.EMPTY, List.of(A), 256, 2);
        SlotRules rules = new SlotRules(256, 2, 16);
        List<String> live = List.of(A, B, C);
        SlotTable prev = t;
        int tables = 0;
        int fullyReplicatedAfter = -1;
        while (true) {
            SlotTable next = scheduler.next(t, live, Set.of(), lagOneTable(prev, t), rules);
            if (next == t && prev == t) {
                break;
            }
            if (next != t) {
                tables++;
                boolean missing = t.slots().stream().anyMatch(s -> s.followers().isEmpty());
                for (Slot s : next.slots()) {
                    assertThat(!missing || s.leader().equals(t.slot(s.id()).leader()))
                            .as("table %d swaps slot %d's leader while slots lack a follower", tables, s.id()).isTrue();
                }
            }
            if (fullyReplicatedAfter < 0 && next.slots().stream().allMatch(s -> s.followers().size() == 1)) {
                fullyReplicatedAfter = tables;
            }
            assertThat(tables).as("tables to balance").isLessThan(100);
            prev = t;
            t = next;
        }
        assertBalanced(t, live, 2);
        // 256 copies to add, 16 at a time; then 170 swaps and 85 follower moves, 16 at a time. Before the fill
        // went first, the last slot got its follower in table 27 of 32.
        assertThat(fullyReplicatedAfter).isEqualTo(256 / 16);
        assertThat(tables).isLessThanOrEqualTo(32);
    }

    @Test
    void withoutReportsNothingMovesToAJoiningNode() {
        SlotTable three = scheduler.next(SlotTable.EMPTY, List.of(A, B, C), 64, 2);

        // a new meta leader before the first heartbeats: every slot counts as migrating, so nothing starts
        SlotTable next = scheduler.next(three, List.of(A, B, C, D), Set.of(), ReplicaProgress.NONE, new SlotRules(64, 2, 16));

        assertThat(next).isSameAs(three);
    }

    @Test
    void aDeadLeadersSlotsGoToItsFollowersWhateverTheCap() {
        SlotTable three = scheduler.next(SlotTable.EMPTY, List.of(A, B, C), 64, 2);
        int ledByC = three.leaderCounts().get(C);

        SlotTable two = scheduler.next(three, List.of(A, B), Set.of(), ReplicaProgress.ALL_CAUGHT_UP, new SlotRules(64, 2, 1));

        assertThat(ledByC).isGreaterThan(1);
        assertThat(two.epoch()).isEqualTo(three.epoch() + 1);
        for (Slot s : three.slots()) {
            if (s.leader().equals(C)) {
                assertThat(s.followers()).contains(two.slot(s.id()).leader());
                assertThat(two.slot(s.id()).leaderEpoch()).isEqualTo(two.epoch());
            }
        }
        assertThat(two.slots()).allSatisfy(s -> assertThat(s.leader()).isIn(A, B));
    }

    @Test
    void aCaughtUpFollowerIsPromotedBeforeOneThatIsNot() {
        SlotTable before = new SlotTable(5, List.of(new Slot(0, A, List.of(B, C), 2), new Slot(1, B, List.of(C, A), 3)));
        ReplicaProgress onlyC = (slot, follower, epoch) -> follower.equals(C);

        SlotTable after = scheduler.next(before, List.of(B, C), Set.of(), onlyC, new SlotRules(2, 3, 16));

        assertThat(after.slot(0).leader()).isEqualTo(C);
        assertThat(after.slot(0).followers()).containsExactly(B);
        assertThat(after.slot(1).leader()).isEqualTo(B);
    }

    @Test
    void aRestartedLeaderIsReplacedByItsCaughtUpFollowerWhateverTheCap() {
        SlotTable before = new SlotTable(5, List.of(new Slot(0, B, List.of(A, C), 2), new Slot(1, A, List.of(B, C), 3)));
        // B's new process has reported nothing; of slot 0's followers only C caught up with B
        ReplicaProgress onlyC = (slot, follower, epoch) -> follower.equals(C);

        SlotTable after = scheduler.next(before, List.of(A, B, C), Set.of(B), onlyC, new SlotRules(2, 3, 1));

        assertThat(after.slot(0).leader()).isEqualTo(C);
        assertThat(after.slot(0).leaderEpoch()).isEqualTo(after.epoch());
        assertThat(after.slot(0).followers()).containsExactlyInAnyOrder(A, B);
        assertThat(after.slot(1).leader()).isEqualTo(A);
        assertThat(after.slot(1).leaderEpoch()).isEqualTo(3);
    }

    @Test
    void aRestartedLeaderOfAPlannedTableLeadsNothingUntilItsNewCopiesCatchUp() {
        SlotTable three = scheduler.next(SlotTable.EMPTY, List.of(A, B, C), 64, 2);
        ReplicaProgress notB = (slot, follower, epoch) -> !follower.equals(B);

        SlotTable after = scheduler.next(three, List.of(A, B, C), Set.of(B), notB, new SlotRules(64, 2, 1));

        assertThat(after.leaderCounts()).doesNotContainKey(B);
        for (Slot s : three.slots()) {
            Slot now = after.slot(s.id());
            if (s.leader().equals(B)) {
                assertThat(s.followers()).contains(now.leader());
                assertThat(now.leaderEpoch()).isEqualTo(after.epoch());
            } else {
                assertThat(now.leader()).isEqualTo(s.leader());
                assertThat(now.leaderEpoch()).isEqualTo(s.leaderEpoch());
            }
        }
    }

    @Test
    void aTableIsAFixedPointUnderTheSameProgress() {
        SlotTable three = scheduler.next(SlotTable.EMPTY, List.of(A, B, C), 128, 2);
        SlotRules rules = new SlotRules(128, 2, 4);
        SlotTable first = scheduler.next(three, List.of(A, B, C, D), Set.of(), ReplicaProgress.ALL_CAUGHT_UP, rules);
        ReplicaProgress progress = lagOneTable(three, first);

        // D's copies have not caught up and the cap is spent: the leader's ticks do not raise the epoch
        assertThat(progress.migratingSlots(first)).isEqualTo(4);
        assertThat(scheduler.next(first, List.of(A, B, C, D), Set.of(), progress, rules)).isSameAs(first);
        // once they report, the plan moves on, the same way whatever the order of the live list
        SlotTable second = scheduler.next(first, List.of(A, B, C, D), Set.of(), ReplicaProgress.ALL_CAUGHT_UP, rules);
        assertThat(second.epoch()).isEqualTo(first.epoch() + 1);
        assertThat(second.leaderCounts()).containsKey(D);
        assertThat(scheduler.next(first, List.of(D, C, B, A), Set.of(), ReplicaProgress.ALL_CAUGHT_UP, rules)).isEqualTo(second);
    }

    /** Caught up: followers of the slot in {@code cur} that were already its followers, under the same leader, in {@code prev}. */
    private static ReplicaProgress lagOneTable(SlotTable prev, SlotTable cur) {
        return (slot, follower, epoch) -> {
            Slot now = cur.slot(slot);
            Slot was = prev.slot(slot);
            return now.leaderEpoch() == epoch && now.followers().contains(follower)
                    && was.leaderEpoch() == epoch && was.leader().equals(now.leader()) && was.followers().contains(follower);
        };
    }

    private static void assertBalanced(SlotTable t, List<String> live, int copies) {
        Map<String, Integer> leaders = new HashMap<>();
        Map<String, Integer> replicas = new HashMap<>();
        live.forEach(n -> {
            leaders.put(n, 0);
            replicas.put(n, 0);
        });
        for (Slot s : t.slots()) {
            List<String> owners = new ArrayList<>(s.followers());
            owners.add(s.leader());
            assertThat(owners).as("slot %d", s.id()).doesNotHaveDuplicates().hasSize(copies);
            leaders.merge(s.leader(), 1, Integer::sum);
            owners.forEach(o -> replicas.merge(o, 1, Integer::sum));
        }
        assertThat(leaders.keySet()).containsExactlyInAnyOrderElementsOf(live);
        assertThat(spread(leaders)).as("leaders per node %s", leaders).isLessThanOrEqualTo(1);
        assertThat(spread(replicas)).as("replicas per node %s", replicas).isLessThanOrEqualTo(1);
    }

    private static int spread(Map<String, Integer> counts) {
        return counts.values().stream().max(Integer::compare).orElse(0) - counts.values().stream().min(Integer::compare).orElse(0);
    }
}
