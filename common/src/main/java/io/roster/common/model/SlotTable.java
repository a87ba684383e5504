package io.roster.common.model;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Who owns every slot, at an epoch that only rises. Epoch 0 with no slots is the table nobody has yet. */
public final class SlotTable {
    public static final SlotTable EMPTY = new SlotTable(0, List.of());

    private final long epoch;
    private final List<Slot> slots;

    public SlotTable(long epoch, List<Slot> slots) {
        this.epoch = epoch;
        this.slots = List.copyOf(slots);
        for (int i = 0; i < this.slots.size(); i++) {
            if (this.slots.get(i).id() != i) {
                throw new IllegalArgumentException("slot at index " + i + " has id " + this.slots.get(i).id());
            }
        }
    }

    public long epoch() {
        return epoch;
    }

    public List<Slot> slots() {
        return slots == null ? List.of() : slots;
    }

    public int slotCount() {
        return slots().size();
    }

    public Slot slot(int id) {
        return slots().get(id);
    }

    /** How many slots each data address leads. */
    public Map<String, Integer> leaderCounts() {
        Map<String, Integer> counts = new HashMap<>();
        for (Slot s : slots()) {
            if (s.hasLeader()) {
                counts.merge(s.leader(), 1, Integer::sum);
            }
        }
        return counts;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SlotTable t && epoch == t.epoch && slots().equals(t.slots());
    }

    @Override
    public int hashCode() {
        return Objects.hash(epoch, slots().size());
    }

    @Override
    public String toString() {
        return "SlotTable{epoch=" + epoch + " slots=" + slots().size() + "}";
    }
}
