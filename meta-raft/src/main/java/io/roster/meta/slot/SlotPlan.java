package io.roster.meta.slot;

import io.roster.common.model.Slot;
import io.roster.common.model.SlotTable;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;

/**
 * The mutable working copy the scheduler edits: each slot's leader and followers, which followers are known to
 * be caught up, and the per-node counts, all kept in step. Nodes are indexes into the sorted live list (so a lower
 * index is a lower address), which keeps plans of 16k slots fast; every choice breaks ties by count, then
 * address, then slot id, so plans are deterministic.
 *
 * <p>It also keeps the migration budget. A slot is migrating while one of its followers is not known caught up
 * with its current leader: a new follower never is, and a new leader (new leaderEpoch) makes every follower start
 * over. The {@code try*} edits refuse to start a migration once {@code maxMigrations} slots are migrating; edits
 * of a slot that migrates anyway cost nothing, and only the forced edit (promotion in place of a dead or restarted
 * leader) may go over.
 */
final class SlotPlan {
    static final int NONE = -1;

    private final List<String> live;
    private final int[] leaders;
    private final List<List<Integer>> followers;
    /** Per slot, the followers known caught up with the slot's leader as planned. */
    private final List<List<Integer>> caught;
    private final int[] leaderCount;
    private final int[] replicaCount;
    private final boolean[] migrating;
    private final int maxMigrations;
    private int migratingCount;

    private SlotPlan(List<String> live, int slotCount, int maxMigrations) {
        this.live = live;
        this.leaders = new int[slotCount];
        this.followers = new ArrayList<>(slotCount);
        this.caught = new ArrayList<>(slotCount);
        this.leaderCount = new int[live.size()];
        this.replicaCount = new int[live.size()];
        this.migrating = new boolean[slotCount];
        this.maxMigrations = maxMigrations;
    }

    /**
     * The current assignment with every dead owner removed; {@code live} must be sorted and distinct. A
     * {@code restarted} node is a new process whose copy is not trusted as current: a slot it led loses its leader, like a dead one's,
     * so a follower is promoted, and its follower copies count as not caught up. Only a slot with no other live
     * owner keeps it as leader (nothing better exists), under a new leaderEpoch ({@link #toTable}).
     */
    static SlotPlan start(SlotTable current, List<String> live, Set<String> restarted, ReplicaProgress progress,
                          SlotRules rules) {
        SlotPlan plan = new SlotPlan(live, rules.slotCount(), rules.maxMigrations());
        for (int i = 0; i < rules.slotCount(); i++) {
            Slot slot = i < current.slotCount() ? current.slot(i) : null;
            int leader = slot == null ? NONE : plan.indexOf(slot.leader());
            List<Integer> fs = new ArrayList<>();
            List<Integer> cs = new ArrayList<>();
            if (slot != null) {
                for (String address : slot.followers()) {
                    int f = plan.indexOf(address);
                    if (f != NONE && f != leader && !fs.contains(f)) {
                        fs.add(f);
                        // a dead or restarted leader's followers keep what they caught up with: it decides who
                        // is promoted
                        if (!restarted.contains(address) && progress.caughtUp(i, address, slot.leaderEpoch())) {
                            cs.add(f);
                        }
                    }
                }
                if (leader != NONE && restarted.contains(slot.leader()) && !fs.isEmpty()) {
                    leader = NONE;
                }
            }
            plan.leaders[i] = leader;
            plan.followers.add(fs);
            plan.caught.add(cs);
            if (leader != NONE) {
                plan.leaderCount[leader]++;
                plan.replicaCount[leader]++;
            }
            fs.forEach(f -> plan.replicaCount[f]++);
            if (leader != NONE) {
                plan.refresh(i);
            }
        }
        return plan;
    }

    int indexOf(String address) {
        int i = Collections.binarySearch(live, address);
        return i >= 0 ? i : NONE;
    }

    int nodeCount() {
        return live.size();
    }

    int slotCount() {
        return leaders.length;
    }

    int leader(int slot) {
        return leaders[slot];
    }

    /** The slot's followers; read-only for callers. */
    List<Integer> followers(int slot) {
        return Collections.unmodifiableList(followers.get(slot));
    }

    boolean isCaughtUp(int slot, int node) {
        return caught.get(slot).contains(node);
    }

    boolean holds(int slot, int node) {
        return leaders[slot] == node || followers.get(slot).contains(node);
    }

    int leaderCount(int node) {
        return leaderCount[node];
    }

    int replicaCount(int node) {
        return replicaCount[node];
    }

    int[] leaderCounts() {
        return leaderCount.clone();
    }

    int[] replicaCounts() {
        return replicaCount.clone();
    }

    /** Whether a non-forced edit of {@code slot} that leaves it migrating fits the budget. */
    boolean mayMigrate(int slot) {
        return migrating[slot] || migratingCount < maxMigrations;
    }

    boolean budgetLeft() {
        return migratingCount < maxMigrations;
    }

    /** Forced: a leaderless slot is led by {@code node}, a follower of it or (when it has none) a node with no copy. */
    void promote(int slot, int node) {
        if (followers.get(slot).remove(Integer.valueOf(node))) {
            replicaCount[node]--;
        }
        leaders[slot] = node;
        leaderCount[node]++;
        replicaCount[node]++;
        caught.get(slot).clear();
        refresh(slot);
    }

    /** The caught-up follower {@code to} leads the slot and its leader follows instead; false if over budget. */
    boolean trySwap(int slot, int to) {
        int from = leaders[slot];
        if (!isCaughtUp(slot, to) || !mayMigrate(slot)) {
            return false;
        }
        List<Integer> fs = followers.get(slot);
        fs.set(fs.indexOf(to), from);
        leaders[slot] = to;
        leaderCount[from]--;
        leaderCount[to]++;
        caught.get(slot).clear();
        refresh(slot);
        return true;
    }

    /** {@code node}, which holds no copy, becomes a follower; false if over budget. */
    boolean tryAddFollower(int slot, int node) {
        if (holds(slot, node) || !mayMigrate(slot)) {
            return false;
        }
        followers.get(slot).add(node);
        replicaCount[node]++;
        refresh(slot);
        return true;
    }

    /** {@code to} takes over the follower copy of {@code from}; false if {@code to} holds one or over budget. */
    boolean tryMoveFollower(int slot, int from, int to) {
        List<Integer> fs = followers.get(slot);
        int at = fs.indexOf(from);
        if (at < 0 || holds(slot, to) || !mayMigrate(slot)) {
            return false;
        }
        fs.set(at, to);
        caught.get(slot).remove(Integer.valueOf(from));
        replicaCount[from]--;
        replicaCount[to]++;
        refresh(slot);
        return true;
    }

    /** Drops a follower copy: never starts a migration, and may end one. */
    void dropFollower(int slot, int node) {
        if (followers.get(slot).remove(Integer.valueOf(node))) {
            caught.get(slot).remove(Integer.valueOf(node));
            replicaCount[node]--;
            refresh(slot);
        }
    }

    private void refresh(int slot) {
        boolean now = false;
        for (int f : followers.get(slot)) {
            if (!caught.get(slot).contains(f)) {
                now = true;
                break;
            }
        }
        if (now != migrating[slot]) {
            migrating[slot] = now;
            migratingCount += now ? 1 : -1;
        }
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

    /**
     * Each node's fair share of {@code counts}' total: the total divided evenly, the remainder going to the nodes
     * that hold most now (so the fewest copies move).
     */
    int[] fairShares(int[] counts) {
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

    /** Node indexes by count (descending if {@code mostFirst}), ties by address ascending. */
    List<Integer> nodesBy(int[] counts, boolean mostFirst) {
        List<Integer> nodes = new ArrayList<>(live.size());
        for (int n = 0; n < live.size(); n++) {
            nodes.add(n);
        }
        nodes.sort((a, b) -> counts[a] != counts[b] ? (mostFirst ? Integer.compare(counts[b], counts[a])
                : Integer.compare(counts[a], counts[b])) : Integer.compare(a, b));
        return nodes;
    }
}
