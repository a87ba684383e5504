package io.roster.meta.state;

import io.roster.common.model.SlotTable;

import java.util.Objects;

/**
 * A new slot table. Ignored when its epoch is not above every epoch applied before, so a table planned from a
 * stale state (a proposal that raced another) can never roll the table back.
 */
public final class SlotTableChanged implements MetaRecord {
    private final SlotTable table;

    public SlotTableChanged(SlotTable table) {
        this.table = Objects.requireNonNull(table, "table");
    }

    /** A record decoded from a damaged log may lack its table or hold a missing slot: refuse it by name. */
    @Override
    public void check() {
        if (table == null || table.slots().stream().anyMatch(java.util.Objects::isNull)) {
            throw new IllegalArgumentException("slot table record without a whole table: " + table);
        }
    }

    public SlotTable table() {
        return table;
    }


    @Override
    public boolean equals(Object o) {
        return o instanceof SlotTableChanged r && table().equals(r.table());
    }

    @Override
    public int hashCode() {
        return table().hashCode();
    }

    @Override
    public String toString() {
        return "SlotTableChanged{" + table() + "}";
    }
}
