package io.roster.meta.slot;

import io.roster.common.model.SlotTable;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Plans the next slot table for the live data nodes. Pure and deterministic: the same input gives the same table,
 * and with the same progress a table it produced is a fixed point (planning it again changes nothing, so the
 * epoch does not move). Balance is reached over several tables, as the followers report that they caught up.
 *
 * <p>The steps, each moving as little as possible:
 * <ol>
 *   <li>dead owners are dropped; a slot whose leader died, or restarted as a new process (whose copy, reloaded
 *       from disk, may be stale),
 *       is led by one of its followers, a caught-up one if any (fast promotion: that node already holds the
 *       data), else by the least-loaded live node (a restarted leader keeps a slot it had no follower for). This
 *       is never held back by the migration cap;</li>
 *   <li>missing followers are added on distinct nodes, least-loaded first. This comes before any balancing so
 *       the budget goes first to slots that have fewer copies than wanted;</li>
 *   <li>leaders are balanced to within one per node by swapping a slot's leader with a caught-up follower (no
 *       data moves). A node never becomes leader of a slot it does not hold a caught-up copy of;</li>
 *   <li>followers beyond min(replicas - 1, live - 1) are dropped;</li>
 *   <li>replicas are balanced: followers move only from nodes above their fair share to nodes below it, so a
 *       joining node receives its share and nothing else moves;</li>
 *   <li>a node that still lacks leaders receives follower copies of slots of nodes that lead too many, to take
 *       them over by step 3 once caught up.</li>
 * </ol>
 * Steps 2, 3, 5 and 6 each start a migration, and stop once {@link SlotRules#maxMigrations()}
 * slots are migrating. A slot whose leader changes gets leaderEpoch = the new table's epoch, so the versions a
 * new leader hands out are above its predecessor's.
 */
public final class SlotScheduler {

    /**
     * As if every follower of {@code current} had caught up, with no cap on migrations: one step of the plan.
     *
     * @param current           the table in force ({@link SlotTable#EMPTY} before the first data node)
     * @param liveDataAddresses the data nodes that hold a lease now
     * @param slotCount         slots in the cluster; must match {@code current} unless it is empty
     * @param replicas          copies of each slot wanted (leader included)
     * @return {@code current} itself when nothing needs to change, else a table at {@code current.epoch() + 1}
     */
    public SlotTable next(SlotTable current, List<String> liveDataAddresses, int slotCount, int replicas) {
        return next(current, liveDataAddresses, slotCount, replicas, Set.of());
    }

    /**
     * As {@link #next(SlotTable, List, int, int)}, where the data nodes at {@code restarted} are new processes
     * whose copies (reloaded from disk at best) are not trusted as current: the slots they led go to a follower, and a slot without one stays with its restarted
     * leader under a new leaderEpoch, so a leader that lost its version counters still hands out versions above
     * its previous run's.
     */
    public SlotTable next(SlotTable current, List<String> liveDataAddresses, int slotCount, int replicas,
                          Set<String> restarted) {
        return next(current, liveDataAddresses, restarted, ReplicaProgress.ALL_CAUGHT_UP,
                new SlotRules(slotCount, replicas, SlotRules.UNLIMITED));
    }

    /**
     * The next table.
     *
     * @param current           the table in force ({@link SlotTable#EMPTY} before the first data node)
     * @param liveDataAddresses the data nodes that hold a lease now
     * @param restarted         live data nodes that are new processes at an address that led slots before
     * @param progress          which followers of {@code current} caught up with their leader
     * @param rules             slot count (must match {@code current} unless it is empty), replicas, migration cap
     * @return {@code current} itself when nothing needs to change, else a table at {@code current.epoch() + 1}
     */
    public SlotTable next(SlotTable current, List<String> liveDataAddresses, Set<String> restarted,
                          ReplicaProgress progress, SlotRules rules) {
        if (current.slotCount() != 0 && current.slotCount() != rules.slotCount()) {
            throw new IllegalArgumentException("the slot table has " + current.slotCount() + " slots but " + rules.slotCount()
                    + " were asked for: the slot count is fixed when a cluster is created");
        }
        List<String> live = List.copyOf(new TreeSet<>(liveDataAddresses));
        if (live.isEmpty() && current.slotCount() == 0) {
            return current;
        }
        int followers = Math.max(0, Math.min(rules.replicas() - 1, live.size() - 1));
        SlotPlan plan = SlotPlan.start(current, live, restarted, progress, rules);
        LeaderSteps.replaceDeadLeaders(plan);
        // a slot without its followers is one failure from losing its data: those get the budget before balancing
        ReplicaSteps.fillFollowers(plan, followers);
        LeaderSteps.swapLeaders(plan);
        ReplicaSteps.trimFollowers(plan, followers);
        ReplicaSteps.balanceReplicas(plan);
        LeaderSteps.prepareTransfers(plan, followers);
        return plan.toTable(current, restarted);
    }
}
