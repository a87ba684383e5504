package io.roster.common.view;

import io.roster.common.model.NodeInfo;
import io.roster.common.model.ProcessId;
import io.roster.common.model.Slot;
import io.roster.common.model.Switch;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What changed from one cluster view to the next, computed once where the view is taken (the heartbeat) so that
 * every handler reacts to the same facts instead of keeping its own copy of the last view: which slots changed
 * owners, which session processes meta lists for the first time and which it stopped listing (expired), which data
 * nodes came and went, which switches flipped, whether the incident levers changed. Pure and immutable.
 *
 * <p>Views only move forward (ARCHITECTURE.md invariant 6: the heartbeat drops a reply from an older meta state), so
 * a process missing from {@code after} that {@code before} listed was expired by meta; one never listed yet (a
 * session that wrote before its first heartbeat reached meta) is never reported expired.
 */
public final class ClusterViewDelta {
    private final ClusterView before;
    private final ClusterView after;
    private final List<SlotChange> slotChanges;
    private final List<ProcessId> newSessions;
    private final List<ProcessId> expiredSessions;
    private final List<NodeInfo> addedDataNodes;
    private final List<NodeInfo> removedDataNodes;
    private final Set<Switch> flippedSwitches;

    private ClusterViewDelta(ClusterView before, ClusterView after) {
        this.before = Objects.requireNonNull(before, "before");
        this.after = Objects.requireNonNull(after, "after");
        this.slotChanges = slotChanges(before, after);
        Set<ProcessId> listedBefore = before.sessionProcesses();
        Set<ProcessId> listedAfter = after.sessionProcesses();
        this.newSessions = List.copyOf(minus(listedAfter, listedBefore));
        this.expiredSessions = List.copyOf(minus(listedBefore, listedAfter));
        this.addedDataNodes = List.copyOf(minus(new LinkedHashSet<>(after.dataNodes()), new LinkedHashSet<>(before.dataNodes())));
        this.removedDataNodes = List.copyOf(minus(new LinkedHashSet<>(before.dataNodes()), new LinkedHashSet<>(after.dataNodes())));
        Set<Switch> flipped = new LinkedHashSet<>();
        for (Switch s : Switch.values()) {
            if (before.switches().enabled(s) != after.switches().enabled(s)) {
                flipped.add(s);
            }
        }
        this.flippedSwitches = Set.copyOf(flipped);
    }

    /** The change from {@code before} to {@code after}; {@code after} must not be older (invariant 6). */
    public static ClusterViewDelta between(ClusterView before, ClusterView after) {
        return new ClusterViewDelta(before, after);
    }

    /** The change that the first view a node takes makes: everything in it is new. */
    public static ClusterViewDelta first(ClusterView view) {
        return new ClusterViewDelta(ClusterView.EMPTY, view);
    }

    public ClusterView before() {
        return before;
    }

    public ClusterView after() {
        return after;
    }

    /** True when the slot table's epoch moved. */
    public boolean slotTableChanged() {
        return after.slotTable().epoch() != before.slotTable().epoch();
    }

    /** The slots whose leader, followers or leaderEpoch differ, in slot order. */
    public List<SlotChange> slotChanges() {
        return slotChanges;
    }

    /** Session processes listed now and not before. */
    public List<ProcessId> newSessions() {
        return newSessions;
    }

    /** Session processes listed before and not now: meta expired them. */
    public List<ProcessId> expiredSessions() {
        return expiredSessions;
    }

    public List<NodeInfo> addedDataNodes() {
        return addedDataNodes;
    }

    public List<NodeInfo> removedDataNodes() {
        return removedDataNodes;
    }

    /** True when an incident lever's lists differ (the levers' version alone moving is no change). */
    public boolean leversChanged() {
        return !before.levers().sameAs(after.levers());
    }

    public boolean flipped(Switch s) {
        return flippedSwitches.contains(s);
    }

    /** True when {@code s} was off and is on now. */
    public boolean turnedOn(Switch s) {
        return flipped(s) && after.switches().enabled(s);
    }

    /** True when {@code s} was on and is off now. */
    public boolean turnedOff(Switch s) {
        return flipped(s) && !after.switches().enabled(s);
    }

    /** True when nothing a handler reacts to changed (the meta version alone may have moved). */
    public boolean isEmpty() {
        return slotChanges.isEmpty() && !slotTableChanged() && newSessions.isEmpty() && expiredSessions.isEmpty()
                && addedDataNodes.isEmpty() && removedDataNodes.isEmpty() && flippedSwitches.isEmpty() && !leversChanged();
    }

    /** One slot's owners before and after; {@code before} is null for a slot the earlier table did not have. */
    public record SlotChange(int slotId, Slot before, Slot after) {
        /** True when {@code address} leads the slot after and did not (with that leaderEpoch) before. */
        public boolean becameLeader(String address) {
            return after != null && after.leader().equals(address)
                    && (before == null || !before.leader().equals(address) || before.leaderEpoch() != after.leaderEpoch());
        }

        /** True when {@code address} led the slot before and does not now. */
        public boolean lostLeadership(String address) {
            return before != null && before.leader().equals(address) && (after == null || !after.leader().equals(address));
        }

        /** True when the slot's leader (or its leaderEpoch) changed. */
        public boolean leaderChanged() {
            return before == null || after == null || !before.leader().equals(after.leader())
                    || before.leaderEpoch() != after.leaderEpoch();
        }
    }

    private static List<SlotChange> slotChanges(ClusterView before, ClusterView after) {
        if (before.slotTable().equals(after.slotTable())) {
            return List.of();
        }
        List<SlotChange> changes = new ArrayList<>();
        int count = Math.max(before.slotTable().slotCount(), after.slotTable().slotCount());
        for (int id = 0; id < count; id++) {
            Slot was = id < before.slotTable().slotCount() ? before.slotTable().slot(id) : null;
            Slot now = id < after.slotTable().slotCount() ? after.slotTable().slot(id) : null;
            if (!Objects.equals(was, now)) {
                changes.add(new SlotChange(id, was, now));
            }
        }
        return List.copyOf(changes);
    }


    private static <T> Set<T> minus(Set<T> a, Set<T> b) {
        Set<T> out = new LinkedHashSet<>(a);
        out.removeAll(b);
        return out;
    }

    @Override
    public String toString() {
        return "ClusterViewDelta{slotTable " + before.slotTable().epoch() + "->" + after.slotTable().epoch()
                + ", slots changed " + slotChanges.size() + ", new sessions " + newSessions + ", expired sessions "
                + expiredSessions + ", data +" + addedDataNodes.size() + "/-" + removedDataNodes.size()
                + ", switches flipped " + flippedSwitches + '}';
    }
}
