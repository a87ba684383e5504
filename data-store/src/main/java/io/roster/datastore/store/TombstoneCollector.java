package io.roster.datastore.store;

import io.roster.common.model.Datum;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Collects tombstones (datums whose last publisher left) once they have been empty, at the same version, for
 * {@code graceMillis} as seen by this node's sweeps. Every node collects its own copy, leader or follower: the
 * leader's digest then no longer lists the datum, so a follower's digest sync has nothing to fetch back, and a
 * follower whose copy a push confirmed (which the digest sync never removes) still loses it by its own grace.
 *
 * <p>Versions stay safe because the store raises the slot's floor of collected versions
 * ({@link SlotStore#collectedHigh}) with each collection, and a datum created again starts above it; the
 * leaderEpoch floor covers every later leader. A tombstone is therefore collected between {@code graceMillis} and
 * {@code graceMillis} plus one sweep period after this node first saw it; after a restart, the grace starts again.
 * Not thread-safe: one housekeeping thread sweeps.
 */
public final class TombstoneCollector {
    private static final Logger LOG = LoggerFactory.getLogger(TombstoneCollector.class);

    private final SlotStore store;
    private final long graceMillis;
    /** slot -> dataInfoId -> the tombstone version seen and when it was first seen at that version. */
    private Map<Integer, Map<String, Seen>> seen = new HashMap<>();

    private record Seen(long version, long sinceMillis) {
    }

    public TombstoneCollector(SlotStore store, long graceMillis) {
        if (graceMillis < 0) {
            throw new IllegalArgumentException("tombstone grace must not be negative: " + graceMillis);
        }
        this.store = store;
        this.graceMillis = graceMillis;
    }

    /** One sweep over every slot held; returns how many tombstones were collected. */
    public int sweep(long nowMillis) {
        Map<Integer, Map<String, Seen>> next = new HashMap<>();
        int collected = 0;
        for (int slot : store.slots()) {
            Map<String, Seen> before = seen.getOrDefault(slot, Map.of());
            Map<String, Seen> stillWaiting = new HashMap<>();
            Map<String, Long> due = new LinkedHashMap<>();
            for (Datum d : store.datums(slot)) {
                if (!d.publishers().isEmpty()) {
                    continue;
                }
                Seen s = before.get(d.dataInfoId());
                if (s == null || s.version() != d.version()) {
                    s = new Seen(d.version(), nowMillis);
                }
                if (nowMillis - s.sinceMillis() >= graceMillis) {
                    due.put(d.dataInfoId(), d.version());
                } else {
                    stillWaiting.put(d.dataInfoId(), s);
                }
            }
            if (!due.isEmpty()) {
                // The store removes each only if it is still that tombstone: a publish meanwhile keeps it.
                collected += store.collectTombstones(slot, due);
            }
            if (!stillWaiting.isEmpty()) {
                next.put(slot, stillWaiting);
            }
        }
        seen = next;
        if (collected > 0) {
            LOG.debug("collected {} tombstones empty for at least {} ms", collected, graceMillis);
        }
        return collected;
    }
}
