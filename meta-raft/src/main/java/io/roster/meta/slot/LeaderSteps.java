package io.roster.meta.slot;

import java.util.List;

import static io.roster.meta.slot.SlotPlan.NONE;

/**
 * The scheduler's leader moves. Leadership only ever passes to a node that holds a caught-up copy, except when a
 * leader died: then its slot goes to a follower at once, whatever the budget (fast promotion, no data moves).
 */
final class LeaderSteps {
    private LeaderSteps() {
    }

    /** A leaderless slot goes to its least-leading caught-up follower, else any follower, else the least-loaded node. */
    static void replaceDeadLeaders(SlotPlan plan) {
        if (plan.nodeCount() == 0) {
            return;
        }
        for (int i = 0; i < plan.slotCount(); i++) {
            if (plan.leader(i) != NONE) {
                continue;
            }
            List<Integer> fs = plan.followers(i);
            int chosen = NONE;
            if (!fs.isEmpty()) {
                int slot = i;
                boolean anyCaughtUp = fs.stream().anyMatch(f -> plan.isCaughtUp(slot, f));
                for (int f : fs) {
                    if ((!anyCaughtUp || plan.isCaughtUp(i, f)) && (chosen == NONE || plan.leaderCount(f) < plan.leaderCount(chosen)
                            || plan.leaderCount(f) == plan.leaderCount(chosen) && f < chosen)) {
                        chosen = f;
                    }
                }
            } else {
                chosen = 0;
                for (int n = 1; n < plan.nodeCount(); n++) {
                    if (plan.leaderCount(n) < plan.leaderCount(chosen) || plan.leaderCount(n) == plan.leaderCount(chosen)
                            && plan.replicaCount(n) < plan.replicaCount(chosen)) {
                        chosen = n;
                    }
                }
            }
            plan.promote(i, chosen);
        }
    }

    /**
     * Nodes above their fair share of leaders hand slots to caught-up followers below theirs. The leader stays as
     * a follower, so no data moves, but the slot migrates until its followers catch up with the new leader.
     */
    static void swapLeaders(SlotPlan plan) {
        if (plan.nodeCount() == 0) {
            return;
        }
        int[] shares = plan.fairShares(plan.leaderCounts());
        for (int from : plan.nodesBy(plan.leaderCounts(), true)) {
            for (int i = 0; i < plan.slotCount() && plan.leaderCount(from) > shares[from]; i++) {
                if (plan.leader(i) != from) {
                    continue;
                }
                int to = NONE;
                for (int f : plan.followers(i)) {
                    if (plan.isCaughtUp(i, f) && plan.leaderCount(f) < shares[f] && (to == NONE
                            || plan.leaderCount(f) < plan.leaderCount(to) || plan.leaderCount(f) == plan.leaderCount(to) && f < to)) {
                        to = f;
                    }
                }
                if (to != NONE) {
                    plan.trySwap(i, to);
                }
            }
        }
    }

    /**
     * A node below its fair share of leaders that does not yet follow enough slots of nodes above theirs gets a
     * follower copy of such slots, to lead them once it has caught up ({@link #swapLeaders} on a later plan). With
     * followers wanted the copy takes over the most loaded follower's place; with none wanted (one replica) it is
     * an extra copy that {@link ReplicaSteps#trimFollowers} keeps until the swap.
     */
    static void prepareTransfers(SlotPlan plan, int followerTarget) {
        if (plan.nodeCount() == 0) {
            return;
        }
        int[] shares = plan.fairShares(plan.leaderCounts());
        for (int to : plan.nodesBy(plan.leaderCounts(), false)) {
            int need = shares[to] - plan.leaderCount(to) - pendingTransfers(plan, to, shares);
            for (int from : plan.nodesBy(plan.leaderCounts(), true)) {
                if (need <= 0 || !plan.budgetLeft() || plan.leaderCount(from) <= shares[from]) {
                    break;
                }
                for (int i = 0; i < plan.slotCount() && need > 0 && plan.budgetLeft(); i++) {
                    if (plan.leader(i) != from || plan.holds(i, to)) {
                        continue;
                    }
                    boolean placed;
                    if (followerTarget == 0) {
                        placed = plan.tryAddFollower(i, to);
                    } else {
                        int victim = ReplicaSteps.mostLoadedDroppable(plan, i, shares);
                        placed = victim != NONE && plan.tryMoveFollower(i, victim, to);
                    }
                    if (placed) {
                        need--;
                    }
                }
            }
        }
    }

    /** Slots {@code node} follows whose leader is above its share: each may come to {@code node} by a swap. */
    private static int pendingTransfers(SlotPlan plan, int node, int[] shares) {
        int pending = 0;
        for (int i = 0; i < plan.slotCount(); i++) {
            int leader = plan.leader(i);
            if (leader != NONE && plan.leaderCount(leader) > shares[leader] && plan.followers(i).contains(node)) {
                pending++;
            }
        }
        return pending;
    }

    /** A copy on its way to leadership: not caught up yet, on a node below its fair share of leaders. */
    static boolean isLearner(SlotPlan plan, int slot, int node, int[] leaderShares) {
        return !plan.isCaughtUp(slot, node) && plan.leaderCount(node) < leaderShares[node];
    }
}
