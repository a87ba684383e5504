package io.roster.datastore.slot;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntConsumer;

/**
 * Data's slot phase machine: the {@link SlotState} of every slot this node holds, moved by the {@link SlotAssignment}
 * of each new slot table and by the end of reconciliation. Pure state, no I/O: the rules are unit tested, the
 * networking that follows a transition lives elsewhere.
 *
 * <p>Rules: a slot led under a leaderEpoch this node was not already leading at starts MIGRATING (even if this
 * node led it before: its copy may be stale); only {@link #accept} moves it to ACCEPT, and only for that same
 * leaderEpoch. A followed slot is FOLLOWER at its leader's leaderEpoch. A slot held here (including one loaded from
 * disk) that the table does not give this node is MOVED, and {@link #dropDue} drops it once the delay passed.
 */
public final class SlotStates {
    /**
     * What applying a new slot table changed for this node: slots it now leads under a new leaderEpoch (to
     * reconcile, in MIGRATING), slots it now follows under a new leader (to sync), and slots it no longer holds.
     */
    public record Transitions(List<Integer> promoted, List<Integer> followed, List<Integer> moved) {
        public Transitions {
            promoted = List.copyOf(promoted);
            followed = List.copyOf(followed);
            moved = List.copyOf(moved);
        }

        public boolean isEmpty() {
            return promoted.isEmpty() && followed.isEmpty() && moved.isEmpty();
        }
    }

    /** Changed only under this object's lock; read without it by {@link #leads} and {@link #follows} (entries are immutable). */
    private final Map<Integer, SlotState> slots = new ConcurrentHashMap<>();
    private final LongAdder promotions = new LongAdder();
    private boolean tableApplied;

    /** Slots found on disk at start: held, but not given by any table yet. */
    public synchronized void seedHeld(Collection<Integer> held, long nowMillis) {
        for (int slot : held) {
            slots.putIfAbsent(slot, new SlotState(slot, SlotPhase.MOVED, 0, nowMillis));
        }
    }

    /** Moves every slot to what {@code assignment} says; an unusable table (none yet, wrong slot count) changes nothing. */
    public synchronized Transitions apply(SlotAssignment assignment, long nowMillis) {
        List<Integer> promoted = new ArrayList<>(), followed = new ArrayList<>(), moved = new ArrayList<>();
        if (!assignment.usable().ok()) {
            return new Transitions(promoted, followed, moved);
        }
        if (!tableApplied) {
            // The copy loaded from disk waits for a table, however long meta takes: its drop delay starts now.
            tableApplied = true;
            slots.replaceAll((id, s) -> s.phase() == SlotPhase.MOVED ? new SlotState(id, SlotPhase.MOVED, s.leaderEpoch(), nowMillis) : s);
        }
        for (Map.Entry<Integer, Long> led : new TreeMap<>(assignment.ledSlots()).entrySet()) {
            SlotState current = slots.get(led.getKey());
            if (current == null || !current.phase().leading() || current.leaderEpoch() != led.getValue()) {
                slots.put(led.getKey(), new SlotState(led.getKey(), SlotPhase.MIGRATING, led.getValue(), nowMillis));
                promoted.add(led.getKey());
            }
        }
        for (Map.Entry<Integer, Long> f : new TreeMap<>(assignment.followedSlots()).entrySet()) {
            SlotState current = slots.get(f.getKey());
            if (current == null || current.phase() != SlotPhase.FOLLOWER || current.leaderEpoch() != f.getValue()) {
                slots.put(f.getKey(), new SlotState(f.getKey(), SlotPhase.FOLLOWER, f.getValue(), nowMillis));
                followed.add(f.getKey());
            }
        }
        for (SlotState s : List.copyOf(slots.values())) {
            boolean held = assignment.ledSlots().containsKey(s.id()) || assignment.followedSlots().containsKey(s.id());
            if (!held && s.phase() != SlotPhase.MOVED) {
                slots.put(s.id(), new SlotState(s.id(), SlotPhase.MOVED, s.leaderEpoch(), nowMillis));
                moved.add(s.id());
            }
        }
        return new Transitions(promoted, followed, moved);
    }

    /** MIGRATING -> ACCEPT, if the slot is still MIGRATING under {@code leaderEpoch}; false otherwise (it moved on). */
    public synchronized boolean accept(int slot, long leaderEpoch, long nowMillis) {
        SlotState s = slots.get(slot);
        if (s == null || s.phase() != SlotPhase.MIGRATING || s.leaderEpoch() != leaderEpoch) {
            return false;
        }
        slots.put(slot, new SlotState(slot, SlotPhase.ACCEPT, leaderEpoch, nowMillis));
        promotions.increment();
        return true;
    }

    /** Slots this node has taken from MIGRATING to ACCEPT since it started (each new leadership of a slot once). */
    public long promotions() {
        return promotions.sum();
    }

    /** How many slots are MIGRATING now; takes no lock (for /metrics), so it may be a moment stale. */
    public int migratingCount() {
        return (int) slots.values().stream().filter(s -> s.phase() == SlotPhase.MIGRATING).count();
    }

    /** Whether this node leads {@code slot} at {@code leaderEpoch} (MIGRATING or ACCEPT); takes no lock. */
    public boolean leads(int slot, long leaderEpoch) {
        SlotState s = slots.get(slot);
        return s != null && s.phase().leading() && s.leaderEpoch() == leaderEpoch;
    }

    /** Whether this node follows {@code slot} under the leader of {@code leaderEpoch}; takes no lock. */
    public boolean follows(int slot, long leaderEpoch) {
        SlotState s = slots.get(slot);
        return s != null && s.phase() == SlotPhase.FOLLOWER && s.leaderEpoch() == leaderEpoch;
    }

    /** Whether this node serves {@code slot} under {@code leaderEpoch} now. */
    public synchronized boolean accepting(int slot, long leaderEpoch) {
        SlotState s = slots.get(slot);
        return s != null && s.phase() == SlotPhase.ACCEPT && s.leaderEpoch() == leaderEpoch;
    }

    /** Whether this node serves {@code slot} under whatever leaderEpoch it leads it at. */
    public synchronized boolean accepting(int slot) {
        SlotState s = slots.get(slot);
        return s != null && s.phase() == SlotPhase.ACCEPT;
    }

    public synchronized SlotState get(int slot) {
        return slots.get(slot);
    }

    /** The MIGRATING slots and the leaderEpoch each is migrating under. */
    public synchronized Map<Integer, Long> migrating() {
        Map<Integer, Long> out = new TreeMap<>();
        slots.values().stream().filter(s -> s.phase() == SlotPhase.MIGRATING).forEach(s -> out.put(s.id(), s.leaderEpoch()));
        return out;
    }

    /**
     * Forgets the MOVED slots whose delay has passed and hands each to {@code drop}, under this object's lock: a
     * table that gives the slot back waits until its old copy is gone, so the drop never removes a fresh copy.
     */
    public synchronized List<Integer> dropDue(long nowMillis, long delayMillis, IntConsumer drop) {
        List<Integer> due = new ArrayList<>();
        if (!tableApplied) {
            return due; // no table says what this node holds yet: a copy loaded from disk waits for one
        }
        for (SlotState s : List.copyOf(slots.values())) {
            if (s.phase() == SlotPhase.MOVED && nowMillis - s.sinceMillis() >= delayMillis) {
                drop.accept(s.id());
                slots.remove(s.id());
                due.add(s.id());
            }
        }
        return due;
    }

    public synchronized Map<SlotPhase, Integer> counts() {
        Map<SlotPhase, Integer> counts = new EnumMap<>(SlotPhase.class);
        for (SlotPhase p : SlotPhase.values()) {
            counts.put(p, 0);
        }
        slots.values().forEach(s -> counts.merge(s.phase(), 1, Integer::sum));
        return counts;
    }

    /** Every slot held, in slot order. */
    public synchronized List<SlotState> all() {
        return new TreeMap<>(slots).values().stream().toList();
    }
}
