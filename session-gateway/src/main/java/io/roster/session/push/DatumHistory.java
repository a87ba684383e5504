package io.roster.session.push;

import io.roster.common.model.Datum;
import io.roster.common.model.Publisher;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * What the session remembers of the datums it pushed, to compute deltas: per dataInfoId the last
 * {@link #VERSIONS_KEPT} versions pushed, each as a {@link Snapshot} (per publisher only a fingerprint, not its data:
 * a delta's entries come from the datum it leads to). Datums without subscribers here are dropped in a sweep every
 * {@link #SWEEP_EVERY} records, so the history is bounded by what is subscribed. Thread-safe.
 */
final class DatumHistory {
    /** The pushed version and two before it: a subscriber holds the last version acked, rarely older. */
    static final int VERSIONS_KEPT = 3;
    static final int SWEEP_EVERY = 256;

    /** What makes two copies of a publisher the same entry for a client: its version, place and data. */
    record Fingerprint(long version, long order, long dataHash) {
        static Fingerprint of(Publisher p) {
            long hash = 1;
            for (byte[] item : p.data()) {
                hash = 31 * hash + Arrays.hashCode(item);
                hash = 31 * hash + item.length;
            }
            return new Fingerprint(p.version(), p.registerTimestamp(), hash);
        }
    }

    /** A datum as pushed at {@code version}: each publisher's fingerprint by registerId, in the datum's order. */
    record Snapshot(String dataInfoId, long version, Map<String, Fingerprint> byKey) {
        static Snapshot of(Datum datum) {
            Map<String, Fingerprint> byKey = new LinkedHashMap<>();
            for (Publisher p : datum.publishers()) {
                byKey.put(p.registerId(), Fingerprint.of(p));
            }
            return new Snapshot(datum.dataInfoId(), datum.version(), byKey);
        }
    }

    private final Predicate<String> hasSubscribers;
    private final Map<String, Deque<Snapshot>> byDataInfoId = new HashMap<>(); // guarded by this
    private int recordsSinceSweep; // guarded by this

    /** @param hasSubscribers whether a dataInfoId still has subscribers here (else its history goes) */
    DatumHistory(Predicate<String> hasSubscribers) {
        this.hasSubscribers = hasSubscribers;
    }

    /** Remembers {@code snapshot} (unless its version is known already) and returns the snapshot kept for it. */
    synchronized Snapshot record(Snapshot snapshot) {
        Deque<Snapshot> versions = byDataInfoId.computeIfAbsent(snapshot.dataInfoId(), id -> new ArrayDeque<>());
        for (Snapshot known : versions) {
            if (known.version() == snapshot.version()) {
                return known;
            }
        }
        versions.addLast(snapshot);
        while (versions.size() > VERSIONS_KEPT) {
            versions.removeFirst();
        }
        if (++recordsSinceSweep >= SWEEP_EVERY) {
            recordsSinceSweep = 0;
            byDataInfoId.keySet().removeIf(id -> !hasSubscribers.test(id));
        }
        return snapshot;
    }

    /** The snapshot of {@code dataInfoId} at {@code version}, or null when not (or no longer) remembered. */
    synchronized Snapshot at(String dataInfoId, long version) {
        Deque<Snapshot> versions = byDataInfoId.get(dataInfoId);
        if (versions != null) {
            for (Snapshot known : versions) {
                if (known.version() == version) {
                    return known;
                }
            }
        }
        return null;
    }

    synchronized int datumCount() {
        return byDataInfoId.size();
    }

    /**
     * The change from {@code base} to {@code target} (whose snapshot is {@code targetSnapshot}): the publishers of
     * {@code target} added or replaced since (in the datum's order), and the registerIds gone since.
     */
    static Change diff(Snapshot base, Datum target, Snapshot targetSnapshot) {
        List<Publisher> changed = target.publishers().stream()
                .filter(p -> !targetSnapshot.byKey().get(p.registerId()).equals(base.byKey().get(p.registerId())))
                .toList();
        List<String> removed = base.byKey().keySet().stream().filter(k -> !targetSnapshot.byKey().containsKey(k)).toList();
        return new Change(changed, removed);
    }

    record Change(List<Publisher> addedOrReplaced, List<String> removed) {
    }
}
