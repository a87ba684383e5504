package io.roster.meta.slot;

import java.util.ArrayList;
import java.util.List;

import static io.roster.meta.slot.SlotPlan.NONE;

/**
 * The scheduler's follower moves: trim extra copies, fill missing ones, and even out copies per node. Adding or
 * moving a copy starts a migration, so these stop when the plan's budget is spent and resume on a later plan.
 * A learner (see {@link LeaderSteps#isLearner}) is never dropped or moved: it is the way leadership rebalances.
 */
final class ReplicaSteps {
    private ReplicaSteps() {
    }

    /** Drops followers beyond {@code target}, most loaded first; learners stay as extra copies. */
    static void trimFollowers(SlotPlan plan, int target) {
        if (plan.nodeCount() == 0) {
            return;
        }
        int[] shares = plan.fairShares(plan.leaderCounts());
        for (int i = 0; i < plan.slotCount(); i++) {
            while (plan.followers(i).size() > target) {
                int dropped = mostLoadedDroppable(plan, i, shares);
                if (dropped == NONE) {
                    break;
                }
                plan.dropFollower(i, dropped);
            }
        }
    }

    /** The slot's follower with most copies (ties: higher address) that is not a learner, or NONE. */
    static int mostLoadedDroppable(SlotPlan plan, int slot, int[] leaderShares) {
        int dropped = NONE;
        for (int f : plan.followers(slot)) {
            if (!LeaderSteps.isLearner(plan, slot, f, leaderShares) && (dropped == NONE
                    || plan.replicaCount(f) > plan.replicaCount(dropped) || plan.replicaCount(f) == plan.replicaCount(dropped) && f > dropped)) {
                dropped = f;
            }
        }
        return dropped;
    }

    /** Gives every led slot {@code target} followers on distinct nodes, least-loaded first, within the budget. */
    static void fillFollowers(SlotPlan plan, int target) {
        int n = plan.nodeCount();
        // pairs[l][f]: how many of l's slots f follows. Among equally loaded nodes the one that follows this leader
        // least is preferred, so one leader's followers are spread out and its death promotes evenly.
        int[][] pairs = new int[n][n];
        for (int i = 0; i < plan.slotCount(); i++) {
            if (plan.leader(i) != NONE) {
                for (int f : plan.followers(i)) {
                    pairs[plan.leader(i)][f]++;
                }
            }
        }
        for (int i = 0; i < plan.slotCount(); i++) {
            int leader = plan.leader(i);
            if (leader == NONE) {
                continue;
            }
            while (plan.followers(i).size() < target && plan.mayMigrate(i)) {
                int added = NONE;
                for (int c = 0; c < n; c++) {
                    if (!plan.holds(i, c) && (added == NONE || plan.replicaCount(c) < plan.replicaCount(added)
                            || plan.replicaCount(c) == plan.replicaCount(added) && pairs[leader][c] < pairs[leader][added])) {
                        added = c;
                    }
                }
                if (added == NONE || !plan.tryAddFollower(i, added)) {
                    break;
                }
                pairs[leader][added]++;
            }
        }
    }

    /**
     * Evens out replica counts by moving followers from nodes above their fair share to nodes below it, so no
     * copy moves twice. Slots led by nodes above their share of leaders go first: a copy there lets the receiver
     * take leadership later by a swap. What the shares cannot place (a receiver already holds every slot a giver
     * follows) is then narrowed pairwise, as far as possible.
     */
    static void balanceReplicas(SlotPlan plan) {
        if (plan.nodeCount() == 0) {
            return;
        }
        int[] leaderShares = plan.fairShares(plan.leaderCounts());
        List<Integer> order = slotsLedAboveShareFirst(plan, leaderShares);
        int[] target = plan.fairShares(plan.replicaCounts());
        List<Integer> receivers = plan.nodesBy(plan.replicaCounts(), false);
        for (int from : plan.nodesBy(plan.replicaCounts(), true)) {
            for (int to : receivers) {
                for (int k = 0; k < order.size() && plan.replicaCount(from) > target[from] && plan.replicaCount(to) < target[to]
                        && plan.budgetLeft(); k++) {
                    move(plan, order.get(k), from, to, leaderShares);
                }
            }
        }
        while (plan.budgetLeft() && moveOneFollower(plan, order, leaderShares)) {
            // each move lowers the sum of squared replica counts, so this ends
        }
    }

    private static boolean moveOneFollower(SlotPlan plan, List<Integer> order, int[] leaderShares) {
        List<Integer> emptiestFirst = plan.nodesBy(plan.replicaCounts(), false);
        for (int from : plan.nodesBy(plan.replicaCounts(), true)) {
            for (int to : emptiestFirst) {
                if (plan.replicaCount(from) - plan.replicaCount(to) <= 1) {
                    break;
                }
                for (int slot : order) {
                    if (move(plan, slot, from, to, leaderShares)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static boolean move(SlotPlan plan, int slot, int from, int to, int[] leaderShares) {
        return plan.followers(slot).contains(from) && !LeaderSteps.isLearner(plan, slot, from, leaderShares)
                && plan.tryMoveFollower(slot, from, to);
    }

    private static List<Integer> slotsLedAboveShareFirst(SlotPlan plan, int[] leaderShares) {
        List<Integer> first = new ArrayList<>();
        List<Integer> rest = new ArrayList<>();
        for (int i = 0; i < plan.slotCount(); i++) {
            int leader = plan.leader(i);
            (leader != NONE && plan.leaderCount(leader) > leaderShares[leader] ? first : rest).add(i);
        }
        first.addAll(rest);
        return first;
    }
}
