package io.roster.datastore.store;

import java.nio.file.Path;

/**
 * What opening a data node's copy found: how much it loaded and how long that took, and, when the copy on disk was
 * damaged, what was wrong and where the damaged copy was moved (the node then starts empty and resyncs from the slot
 * leaders and the sessions, so it never serves damaged data).
 *
 * @param slots      slots that hold at least one datum (tombstones included)
 * @param datums     datums with at least one publisher, as {@link SlotStore#datumCount()}
 * @param damage     null when the copy was sound
 * @param movedAside where the damaged copy now lies; null when it was sound
 */
public record LoadReport(Path dir, int slots, long datums, long publishers, long tookMillis, String damage, Path movedAside) {

    public boolean damaged() {
        return damage != null;
    }

    @Override
    public String toString() {
        String loaded = "loaded " + publishers + " publishers in " + datums + " datums over " + slots + " slots from "
                + dir + " in " + tookMillis + " ms";
        return damaged() ? "the copy in " + dir + " was damaged (" + damage + "); moved to " + movedAside
                + " and started empty" : loaded;
    }
}
