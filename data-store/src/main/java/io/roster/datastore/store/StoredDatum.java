package io.roster.datastore.store;

import io.roster.common.model.Datum;

import io.roster.common.model.Publisher;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * One datum as the store holds it: immutable, its publishers in a {@link PublisherTree} that the next version shares
 * all but the written path of. The {@link Datum} readers get (publishers in registration order) is built from it
 * when first asked for and kept until the next write replaces this object: a write costs O(log n), and the first
 * read after it pays the O(n log n) of the snapshot once, which a read that sends the datum out pays in O(n) anyway.
 */
final class StoredDatum {
    final String dataInfoId;
    final long version;
    final PublisherTree publishers;
    /** Built at most a few times when readers race; Datum is immutable, so a racy publication shows it whole. */
    private volatile Datum snapshot;
    /**
     * What the last edits leading here touched, or null: not tracked. A datum is tracked from its first delta-capable
     * read on (only read datums pay for a log), and from then on each edit passes it on (see {@link ChangeLog}).
     */
    private volatile ChangeLog log;

    StoredDatum(String dataInfoId, long version, PublisherTree publishers) {
        this(dataInfoId, version, publishers, null);
    }

    StoredDatum(String dataInfoId, long version, PublisherTree publishers, ChangeLog log) {
        this.dataInfoId = dataInfoId;
        this.version = version;
        this.publishers = publishers;
        this.log = log;
    }

    ChangeLog log() {
        return log;
    }

    /**
     * The changes from {@code since} to this version, or the whole datum when this version's log does not reach back
     * to {@code since} (or {@code since} is 0, or the log is of another leaderEpoch than the slot's now). Starts the log
     * of an untracked datum, so the next reads may get deltas.
     */
    DatumRead read(long since, long leaderEpoch) {
        ChangeLog l = log;
        if (l == null) {
            if (version != 0) {
                log = ChangeLog.started(leaderEpoch); // a race with another reader sets an equal value
            }
            return DatumRead.whole(datum());
        }
        Set<String> ids = since == 0 || l.leaderEpoch() != leaderEpoch ? null : l.touchedSince(since, version);
        if (ids == null) {
            return DatumRead.whole(datum());
        }
        List<Publisher> changed = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        for (String id : ids) {
            var p = publishers.get(id);
            if (p != null) {
                changed.add(p);
            } else {
                removed.add(id);
            }
        }
        if (!changed.isEmpty() && changed.size() >= publishers.size()) {
            return DatumRead.whole(datum()); // every publisher changed: the delta would be no smaller
        }
        return DatumRead.delta(dataInfoId, version, since, changed, removed, publishers.size());
    }

    static StoredDatum absent(String dataInfoId) {
        return new StoredDatum(dataInfoId, 0, PublisherTree.EMPTY);
    }

    int size() {
        return publishers.size();
    }

    /** This version as a {@link Datum}, publishers in registration order. */
    Datum datum() {
        Datum d = snapshot;
        if (d == null) {
            var ordered = publishers.toArray();
            Arrays.sort(ordered, PublisherOrder.ORDER);
            d = new Datum(dataInfoId, version, Arrays.asList(ordered));
            snapshot = d;
        }
        return d;
    }
}
