package io.roster.meta.slot;

import io.roster.common.model.SlotTable;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Plans the slot table for the live data nodes. Pure and deterministic: the same input gives the same table, and a
 * table it produced is a fixed point (planning it again changes nothing, so the epoch does not move).
 *
 * <p>The steps, each moving as little as possible:
 * <ol>
 *   <li>dead owners are dropped; a slot whose leader died is led by one of its live followers if it has any
 *       (fast promotion: that node already holds the data), else by the least-loaded live node;</li>
 *   <li>followers are filled up to min(replicas - 1, live - 1) on distinct nodes, least-loaded first;</li>
 *   <li>replicas are balanced: followers move only from nodes above their fair share to nodes below it, so a
 *       joining node receives exactly its share and nothing else moves;</li>
 *   <li>leaders are balanced to within one per node, first by swapping a slot's leader with one of its followers
 *       (no data moves), and only when no follower can take it by handing the slot to a node with no copy;</li>
 *   <li>replicas are balanced again, since a hand-over in step 4 moved one.</li>
 * </ol>
 * A slot whose leader changes gets leaderEpoch = the new table's epoch, so the versions a new leader hands out
 * are above its predecessor's. Later rules (lead only once caught up, a cap on concurrent migrations) belong in
 * {@link SlotPlan}'s promotion and hand-over choices.
 */
public final class SlotScheduler {

    /**
     * @param current       the table in force ({@link SlotTable#EMPTY} before the first data node)
     * @param liveDataAddresses the data nodes that hold a lease now
     * @param slotCount     slots in the cluster; must match {@code current} unless it is empty
     * @param replicas      copies of each slot wanted (leader included)
     * @return {@code current} itself when nothing needs to change, else a table at {@code current.epoch() + 1}
     */
    public SlotTable next(SlotTable current, List<String> liveDataAddresses, int slotCount, int replicas) {
        return next(current, liveDataAddresses, slotCount, replicas, Set.of());
    }

    /**
     * As {@link #next(SlotTable, List, int, int)}, where the data nodes at {@code restarted} are new processes: the
     * slots they lead get a new leaderEpoch even though their leader's address did not change, so a leader that
     * restarted without its version counters still hands out versions above its previous run's.
     */
    public SlotTable next(SlotTable current, List<String> liveDataAddresses, int slotCount, int replicas,
                          Set<String> restarted) {
        if (slotCount < 1) {
            throw new IllegalArgumentException("slotCount must be at least 1, got " + slotCount);
        }
        if (replicas < 1) {
            throw new IllegalArgumentException("replicas must be at least 1, got " + replicas);
        }
        if (current.slotCount() != 0 && current.slotCount() != slotCount) {
            throw new IllegalArgumentException("the slot table has " + current.slotCount() + " slots but " + slotCount
                    + " were asked for: the slot count is fixed when a cluster is created");
        }
        List<String> live = List.copyOf(new TreeSet<>(liveDataAddresses));
        if (live.isEmpty() && current.slotCount() == 0) {
            return current;
        }
        SlotPlan plan = SlotPlan.start(current, slotCount, live);
        plan.replaceDeadLeaders();
        plan.fillFollowers(Math.min(replicas - 1, live.size() - 1));
        plan.balanceReplicas();
        plan.balanceLeaders();
        plan.balanceReplicas();
        return plan.toTable(current, restarted);
    }
}
