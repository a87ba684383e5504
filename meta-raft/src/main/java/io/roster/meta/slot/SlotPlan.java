package io.roster.meta.slot;

import io.roster.common.model.Slot;
import io.roster.common.model.SlotTable;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;

/**
 * The mutable working copy {@link SlotScheduler} edits: each slot's leader and followers, with per-node leader and
 * replica counts kept in step. Nodes are indexes into the sorted live list (so a lower index is a lower address),
 * which keeps plans of 16k slots fast; every choice breaks ties by count, then address, then slot id, so plans are
 * deterministic.
 */
final class SlotPlan {
    private static final int NONE = -1;

    private final List<String> live;
    private final int[] leaders;
    private final List<List<Integer>> followers;
    private final int[] leaderCount;
    private final int[] replicaCount;

    private SlotPlan(List<String> live, int slotCount) {
        this.live = live;
        this.leaders = new int[slotCount];
        this.followers = new ArrayList<>(slotCount);
        this.leaderCount = new int[live.size()];
        this.replicaCount = new int[live.size()];
    }

    /** The current assignment with every dead owner removed; {@code live} must be sorted and distinct. */
    static SlotPlan start(SlotTable current, int slotCount, List<String> live) {
        SlotPlan plan = new SlotPlan(live, slotCount);
        for (int i = 0; i < slotCount; i++) {
            Slot slot = i < current.slotCount() ? current.slot(i) : null;
            int leader = slot == null ? NONE : plan.indexOf(slot.leader());
            List<Integer> fs = new ArrayList<>();
            if (slot != null) {
                for (String address : slot.followers()) {
                    int f = plan.indexOf(address);
                    if (f != NONE && f != leader && !fs.contains(f)) {
                        fs.add(f);
                    }
                }
            }
            plan.leaders[i] = leader;
            plan.followers.add(fs);
            if (leader != NONE) {
                plan.leaderCount[leader]++;
                plan.replicaCount[leader]++;
            }
            fs.forEach(f -> plan.replicaCount[f]++);
        }
        return plan;
    }

    private int indexOf(String address) {
        int i = Collections.binarySearch(live, address);
        return i >= 0 ? i : NONE;
    }

    private boolean holds(int slot, int node) {
        return leaders[slot] == node || followers.get(slot).contains(node);
    }

    /** A leaderless slot goes to its least-leading follower, else to the least-loaded live node. */
    void replaceDeadLeaders() {
        if (live.isEmpty()) {
            return;
        }
        for (int i = 0; i < leaders.length; i++) {
            if (leaders[i] != NONE) {
                continue;
            }
            List<Integer> fs = followers.get(i);
            if (!fs.isEmpty()) {
                int promoted = fs.get(0);
                for (int f : fs) {
                    if (leaderCount[f] < leaderCount[promoted] || leaderCount[f] == leaderCount[promoted] && f < promoted) {
                        promoted = f;
                    }
                }
                fs.remove(Integer.valueOf(promoted));
                leaders[i] = promoted;
                leaderCount[promoted]++;
            } else {
                int chosen = 0;
                for (int n = 1; n < live.size(); n++) {
                    if (leaderCount[n] < leaderCount[chosen]
                            || leaderCount[n] == leaderCount[chosen] && replicaCount[n] < replicaCount[chosen]) {
                        chosen = n;
                    }
                }
                leaders[i] = chosen;
                leaderCount[chosen]++;
                replicaCount[chosen]++;
            }
        }
    }

    /** Gives every led slot exactly {@code target} followers on distinct nodes, least-loaded first. */
    void fillFollowers(int target) {
        int n = live.size();
        // pairs[l][f]: how many of l's slots f follows. Among equally loaded nodes the one that follows this leader
        // least is preferred, so one leader's followers are spread out and its death promotes evenly.
        int[][] pairs = new int[n][n];
        for (int i = 0; i < leaders.length; i++) {
            if (leaders[i] != NONE) {
                for (int f : followers.get(i)) {
                    pairs[leaders[i]][f]++;
                }
            }
        }
        for (int i = 0; i < leaders.length; i++) {
            int leader = leaders[i];
            if (leader == NONE) {
                continue;
            }
            List<Integer> fs = followers.get(i);
            while (fs.size() > Math.max(target, 0)) {
                int dropped = fs.get(0);
                for (int f : fs) {
                    if (replicaCount[f] > replicaCount[dropped] || replicaCount[f] == replicaCount[dropped] && f > dropped) {
                        dropped = f;
                    }
                }
                fs.remove(Integer.valueOf(dropped));
                replicaCount[dropped]--;
                pairs[leader][dropped]--;
            }
            while (fs.size() < target) {
                int added = NONE;
                for (int c = 0; c < n; c++) {
                    if (!holds(i, c) && (added == NONE || replicaCount[c] < replicaCount[added]
                            || replicaCount[c] == replicaCount[added] && pairs[leader][c] < pairs[leader][added])) {
                        added = c;
                    }
                }
                if (added == NONE) {
                    break;
                }
                fs.add(added);
                replicaCount[added]++;
                pairs[leader][added]++;
            }
        }
    }

    /**
     * Evens out replica counts by moving followers from nodes above their fair share to nodes below it, so no
     * copy moves twice. What the shares cannot place (a receiver already holds every slot a giver follows) is
     * then narrowed pairwise, as far as possible.
     */
    void balanceReplicas() {
        if (live.isEmpty()) {
            return;
        }
        int[] target = fairShares(replicaCount);
        List<Integer> receivers = nodesBy(replicaCount, false);
        for (int from : nodesBy(replicaCount, true)) {
            for (int to : receivers) {
                for (int i = 0; i < leaders.length && replicaCount[from] > target[from] && replicaCount[to] < target[to]; i++) {
                    moveFollower(i, from, to);
                }
            }
        }
        while (moveOneFollower()) {
            // each move lowers the sum of squared replica counts, so this ends
        }
    }

    private boolean moveOneFollower() {
        List<Integer> emptiestFirst = nodesBy(replicaCount, false);
        for (int from : nodesBy(replicaCount, true)) {
            for (int to : emptiestFirst) {
                if (replicaCount[from] - replicaCount[to] <= 1) {
                    break;
                }
                for (int i = 0; i < leaders.length; i++) {
                    if (moveFollower(i, from, to)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private boolean moveFollower(int slot, int from, int to) {
        List<Integer> fs = followers.get(slot);
        int at = fs.indexOf(from);
        if (at < 0 || holds(slot, to)) {
            return false;
        }
        fs.set(at, to);
        replicaCount[from]--;
        replicaCount[to]++;
        return true;
    }

    /**
     * Evens out leader counts to within one per node: nodes above their fair share first pass slots to followers
     * that are below theirs (no data moves); only what remains is handed to a node holding no copy yet.
     */
    void balanceLeaders() {
        if (live.isEmpty()) {
            return;
        }
        int[] target = fairShares(leaderCount);
        List<Integer> givers = nodesBy(leaderCount, true);
        for (int from : givers) {
            for (int i = 0; i < leaders.length && leaderCount[from] > target[from]; i++) {
                if (leaders[i] == from) {
                    int to = leastLeading(followers.get(i), target);
                    if (to != NONE) {
                        swapLeader(i, from, to);
                    }
                }
            }
        }
        for (int from : givers) {
            for (int i = 0; i < leaders.length && leaderCount[from] > target[from]; i++) {
                if (leaders[i] == from) {
                    int slot = i;
                    List<Integer> outsiders = new ArrayList<>();
                    for (int n = 0; n < live.size(); n++) {
                        if (!holds(slot, n)) {
                            outsiders.add(n);
                        }
                    }
                    int to = leastLeading(outsiders, target);
                    if (to != NONE) {
                        handOver(i, from, to);
                    }
                }
            }
        }
    }

    /** The candidate below its fair share of leaders that leads fewest, or NONE. */
    private int leastLeading(List<Integer> candidates, int[] target) {
        int best = NONE;
        for (int c : candidates) {
            if (leaderCount[c] < target[c] && (best == NONE || leaderCount[c] < leaderCount[best]
                    || leaderCount[c] == leaderCount[best] && c < best)) {
                best = c;
            }
        }
        return best;
    }

    /** The follower {@code to} leads the slot and {@code from} follows it instead. */
    private void swapLeader(int slot, int from, int to) {
        List<Integer> fs = followers.get(slot);
        fs.set(fs.indexOf(to), from);
        leaders[slot] = to;
        leaderCount[from]--;
        leaderCount[to]++;
    }

    /** {@code to}, which holds no copy of the slot, leads it instead of {@code from} (a data move). */
    private void handOver(int slot, int from, int to) {
        leaders[slot] = to;
        leaderCount[from]--;
        leaderCount[to]++;
        replicaCount[from]--;
        replicaCount[to]++;
    }

    /**
     * Each node's fair share of {@code counts}' total: the total divided evenly, the remainder going to the nodes
     * that hold most now (so the fewest copies move).
     */
    private int[] fairShares(int[] counts) {
        int total = 0;
        for (int c : counts) {
            total += c;
        }
        int[] shares = new int[counts.length];
        List<Integer> order = nodesBy(counts, true);
        for (int k = 0; k < order.size(); k++) {
            shares[order.get(k)] = total / counts.length + (k < total % counts.length ? 1 : 0);
        }
        return shares;
    }

    /**
     * {@code current} if the plan matches it, else the plan as a table one epoch later. A slot whose leader
     * changed, or whose leader is in {@code restarted} (a new process that may have lost its counters), gets the
     * new epoch as its leaderEpoch.
     */
    SlotTable toTable(SlotTable current, Set<String> restarted) {
        long epoch = current.epoch() + 1;
        List<Slot> slots = new ArrayList<>(leaders.length);
        for (int i = 0; i < leaders.length; i++) {
            Slot before = i < current.slotCount() ? current.slot(i) : null;
            String leader = leaders[i] == NONE ? "" : live.get(leaders[i]);
            boolean sameLeader = before != null && before.leader().equals(leader) && !restarted.contains(leader);
            long leaderEpoch = sameLeader ? before.leaderEpoch() : epoch;
            slots.add(new Slot(i, leader, followers.get(i).stream().map(live::get).toList(), leaderEpoch));
        }
        return slots.equals(current.slots()) ? current : new SlotTable(epoch, slots);
    }

    /** Node indexes by count (descending if {@code most} first), ties by address ascending. */
    private List<Integer> nodesBy(int[] counts, boolean mostFirst) {
        List<Integer> nodes = new ArrayList<>(live.size());
        for (int n = 0; n < live.size(); n++) {
            nodes.add(n);
        }
        nodes.sort((a, b) -> counts[a] != counts[b] ? (mostFirst ? Integer.compare(counts[b], counts[a])
                : Integer.compare(counts[a], counts[b])) : Integer.compare(a, b));
        return nodes;
    }
}
