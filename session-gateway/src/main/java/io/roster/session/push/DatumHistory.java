package io.roster.session.push;

import io.roster.common.model.Datum;
import io.roster.common.model.Publisher;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * What the session remembers of the datums it read and pushed, to compute deltas: per dataInfoId the last
 * {@link #VERSIONS_KEPT} versions, each as the datum itself (its publisher objects are shared with the reader's cache
 * and the registry, so a version costs a list of references) and, when a delta read built it, that {@link ReadDelta}.
 * A delta between two versions linked by read deltas is those deltas chained: O(change). Otherwise it is a diff by
 * publisher identity ({@link #sameContent}), without hashing any data. Datums without subscribers here are dropped in a
 * sweep every {@link #SWEEP_EVERY} records, so the history is bounded by what is subscribed. Thread-safe.
 */
final class DatumHistory {
    /** The pushed version and two before it: a subscriber holds the last version acked, rarely older. */
    static final int VERSIONS_KEPT = 3;
    static final int SWEEP_EVERY = 256;

    /** A datum as read or pushed, and the read delta that built it from the version before (or null). */
    record Version(Datum datum, ReadDelta readDelta) {
        long version() {
            return datum.version();
        }
    }

    private final Predicate<String> hasSubscribers;
    private final Map<String, Deque<Version>> byDataInfoId = new HashMap<>(); // guarded by this
    private int recordsSinceSweep; // guarded by this

    /** @param hasSubscribers whether a dataInfoId still has subscribers here (else its history goes) */
    DatumHistory(Predicate<String> hasSubscribers) {
        this.hasSubscribers = hasSubscribers;
    }

    /**
     * Remembers {@code datum} (unless its version is known already; a known version without a read delta takes the
     * one given) and returns the version kept for it.
     */
    synchronized Version record(Datum datum, ReadDelta readDelta) {
        if (readDelta != null && readDelta.baseVersion() >= datum.version()) {
            readDelta = null; // a read that found nothing newer links no versions
        }
        Deque<Version> versions = byDataInfoId.computeIfAbsent(datum.dataInfoId(), id -> new ArrayDeque<>());
        for (Version known : versions) {
            if (known.version() == datum.version()) {
                if (known.readDelta() != null || readDelta == null) {
                    return known;
                }
                versions.remove(known);
                break;
            }
        }
        Version kept = new Version(datum, readDelta);
        versions.addLast(kept);
        while (versions.size() > VERSIONS_KEPT) {
            versions.removeFirst();
        }
        if (++recordsSinceSweep >= SWEEP_EVERY) {
            recordsSinceSweep = 0;
            byDataInfoId.keySet().removeIf(id -> !hasSubscribers.test(id));
        }
        return kept;
    }

    /** The datum of {@code dataInfoId} at {@code version}, or null when not (or no longer) remembered. */
    synchronized Version at(String dataInfoId, long version) {
        Deque<Version> versions = byDataInfoId.get(dataInfoId);
        if (versions != null) {
            for (Version known : versions) {
                if (known.version() == version) {
                    return known;
                }
            }
        }
        return null;
    }

    /** The read deltas leading from {@code base} to {@code target}, oldest first, or null when they do not link up. */
    synchronized List<ReadDelta> path(String dataInfoId, long base, Version target) {
        List<ReadDelta> steps = new ArrayList<>();
        Version at = target;
        while (at != null && at.version() != base) {
            if (at.readDelta() == null || at.readDelta().baseVersion() < base || steps.size() >= VERSIONS_KEPT) {
                return null;
            }
            steps.add(at.readDelta());
            at = at(dataInfoId, at.readDelta().baseVersion());
        }
        if (at == null) {
            return null;
        }
        Collections.reverse(steps);
        return steps;
    }

    synchronized int datumCount() {
        return byDataInfoId.size();
    }

    /**
     * The change from {@code base} to {@code target} by publisher identity: the publishers of {@code target} added or
     * replaced since (in the datum's order), and the registerIds gone since. O(publishers), no data hashed.
     */
    static Change diff(Datum base, Datum target) {
        Map<String, Publisher> before = new LinkedHashMap<>(base.publishers().size() * 2);
        base.publishers().forEach(p -> before.put(p.registerId(), p));
        List<Publisher> changed = new ArrayList<>();
        for (Publisher p : target.publishers()) {
            if (!sameContent(before.remove(p.registerId()), p)) {
                changed.add(p);
            }
        }
        return new Change(changed, List.copyOf(before.keySet()));
    }

    /**
     * Whether a client holding {@code held} has {@code p}: the same object (the reader keeps its objects), or the same
     * registerId, version, registerTimestamp (its place) and session. The data of a version is the client's (each
     * publish bumps the version) and no copy with another data replaces one at an equal version with these equal
     * (data-store CopyPrecedence: an equal-version copy wins only by a newer connection or as the holder's restatement,
     * both of what the client sent at that version), so the bytes need no look.
     */
    static boolean sameContent(Publisher held, Publisher p) {
        return held == p || held != null && held.version() == p.version()
                && held.registerTimestamp() == p.registerTimestamp()
                && Objects.equals(held.sessionProcessId(), p.sessionProcessId())
                && held.registerId().equals(p.registerId());
    }

    record Change(List<Publisher> addedOrReplaced, List<String> removed) {
    }
}
