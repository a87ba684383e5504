package io.roster.meta.image;

import io.roster.common.model.SlotTable;

import java.util.Objects;

/**
 * The slot table in force and the highest epoch ever applied: a table at or below that epoch is stale (planned
 * from an older state) and never replaces this one.
 */
public final class SlotTableImage {
    public static final SlotTableImage EMPTY = new SlotTableImage(SlotTable.EMPTY, 0);

    private final SlotTable table;
    private final long lastEpoch;

    public SlotTableImage(SlotTable table, long lastEpoch) {
        this.table = Objects.requireNonNull(table, "table");
        this.lastEpoch = lastEpoch;
    }

    public SlotTable table() {
        return table;
    }

    public long lastEpoch() {
        return lastEpoch;
    }

    /** Whether {@code next} would replace this table: only a table with a higher epoch does. */
    public boolean acceptsTable(SlotTable next) {
        return next.epoch() > lastEpoch;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SlotTableImage s && table.equals(s.table) && lastEpoch == s.lastEpoch;
    }

    @Override
    public int hashCode() {
        return Objects.hash(table, lastEpoch);
    }

    @Override
    public String toString() {
        return table + " (last epoch " + lastEpoch + ")";
    }
}
