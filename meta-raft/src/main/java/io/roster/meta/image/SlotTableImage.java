package io.roster.meta.image;

import io.roster.common.model.SlotTable;

import java.util.Objects;

/**
 * The slot table in force and the highest epoch ever applied: a table at or below that epoch is stale (planned
 * from an older state) and never replaces this one.
 */
public record SlotTableImage(SlotTable table, long lastEpoch) {
    public static final SlotTableImage EMPTY = new SlotTableImage(SlotTable.EMPTY, 0);

    public SlotTableImage {
        Objects.requireNonNull(table, "table");
    }

    /** Whether {@code next} would replace this table: only a table with a higher epoch does. */
    public boolean acceptsTable(SlotTable next) {
        return next.epoch() > lastEpoch;
    }
}
