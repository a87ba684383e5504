package io.roster.session.push;

import io.roster.common.model.Datum;
import io.roster.common.model.Publisher;
import io.roster.common.wire.DatumReply;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * A {@link DatumReader} that reads only what changed: it keeps the last whole datum read per dataInfoId subscribed
 * here, asks the slot leader for the changes since that version, and applies them to build the new whole datum the
 * push engine gets. A leader that does not know the base (too old, log cleared, an old data node) answers whole. A
 * delta that does not add up (another base, another publisher count than the leader reports) is dropped for a whole
 * read. Datums without subscribers here leave the cache in a sweep every {@link #SWEEP_EVERY} reads. The cache holds
 * this session's own publisher objects where they are equal (so it costs little for them). Thread-safe.
 */
public final class DeltaDatumReader implements DatumReader {
    static final int SWEEP_EVERY = 256;
    /** Registration order, as data orders a datum's publishers: registerTimestamp, then registerId. */
    static final Comparator<Publisher> ORDER =
            Comparator.comparingLong(Publisher::registerTimestamp).thenComparing(Publisher::registerId);

    /** A read of one datum from its slot leader, since a version (0: whole); throws when it cannot read. */
    @FunctionalInterface
    public interface Source {
        DatumReply read(String dataInfoId, long sinceVersion);
    }

    private final Source source;
    private final Predicate<String> hasSubscribers;
    private final UnaryOperator<Publisher> shared;
    private final ConcurrentMap<String, Datum> lastRead = new ConcurrentHashMap<>();
    /** The delta that built each datum in {@link #lastRead}, when a delta read did. */
    private final ConcurrentMap<String, Applied> lastDelta = new ConcurrentHashMap<>();
    private final AtomicInteger readsSinceSweep = new AtomicInteger();
    private final LongAdder deltasApplied = new LongAdder();
    private final LongAdder deltasRejected = new LongAdder();

    public DeltaDatumReader(Source source, Predicate<String> hasSubscribers) {
        this(source, hasSubscribers, UnaryOperator.identity());
    }

    /** @param shared an equal publisher object this session holds anyway, or the one given */
    public DeltaDatumReader(Source source, Predicate<String> hasSubscribers, UnaryOperator<Publisher> shared) {
        this.source = source;
        this.hasSubscribers = hasSubscribers;
        this.shared = shared;
    }

    @Override
    public Datum read(String dataInfoId) {
        sweepNow();
        Datum held = lastRead.get(dataInfoId);
        DatumReply reply = source.read(dataInfoId, held == null ? 0 : held.version());
        Applied delta = reply.isDelta() ? apply(held, reply, shared) : null;
        Datum next = reply.isDelta() ? (delta == null ? null : delta.datum()) : shared(reply.datum());
        if (next == null) {
            deltasRejected.increment();
            lastRead.remove(dataInfoId);
            reply = source.read(dataInfoId, 0);
            if (reply.isDelta()) {
                throw new IllegalStateException("a whole read of " + dataInfoId + " was answered with a delta");
            }
            next = shared(reply.datum());
        } else if (reply.isDelta()) {
            deltasApplied.increment();
        }
        if (next.version() == 0) {
            lastRead.remove(dataInfoId);
            lastDelta.remove(dataInfoId);
        } else {
            lastRead.put(dataInfoId, next);
            if (delta != null && delta.datum() == next) {
                lastDelta.put(dataInfoId, delta);
            } else {
                lastDelta.remove(dataInfoId);
            }
        }
        return next;
    }

    @Override
    public ReadDelta deltaOf(Datum datum) {
        Applied last = lastDelta.get(datum.dataInfoId());
        return last != null && last.datum() == datum ? last.delta() : null;
    }

    @Override
    public long heldEmptyVersion(String dataInfoId) {
        Datum held = lastRead.get(dataInfoId);
        return held != null && held.publishers().isEmpty() ? held.version() : -1;
    }

    /** A datum built by a delta read, and that delta as the session pushes it. */
    record Applied(Datum datum, ReadDelta delta) {
    }

    /**
     * {@code held} with the delta applied, publishers in registration order, or null if the delta does not apply to
     * it or the result does not have the publisher count the leader reported.
     */
    static Datum applied(Datum held, DatumReply delta, UnaryOperator<Publisher> shared) {
        Applied a = apply(held, delta, shared);
        return a == null ? null : a.datum();
    }

    private static Applied apply(Datum held, DatumReply delta, UnaryOperator<Publisher> shared) {
        if (held == null || held.version() != delta.baseVersion() || delta.datum() == null) {
            return null;
        }
        Set<String> gone = new HashSet<>(delta.removed());
        Set<String> added = new HashSet<>();
        delta.changed().forEach(p -> {
            gone.add(p.registerId());
            added.add(p.registerId());
        });
        List<Publisher> changed = new ArrayList<>(delta.changed().size());
        delta.changed().forEach(p -> changed.add(shared.apply(p)));
        changed.sort(ORDER);
        List<Publisher> merged = new ArrayList<>(held.publishers().size() + changed.size());
        List<String> removed = new ArrayList<>();
        int c = 0;
        for (Publisher p : held.publishers()) {
            if (gone.contains(p.registerId())) {
                if (!added.remove(p.registerId())) {
                    removed.add(p.registerId()); // data may name ids the held copy never had: only real removals
                }
                continue;
            }
            while (c < changed.size() && ORDER.compare(changed.get(c), p) < 0) {
                merged.add(changed.get(c++));
            }
            merged.add(p);
        }
        while (c < changed.size()) {
            merged.add(changed.get(c++));
        }
        if (merged.size() != delta.publisherCount()) {
            return null;
        }
        Datum datum = new Datum(held.dataInfoId(), delta.datum().version(), merged);
        return new Applied(datum, new ReadDelta(held.version(), changed, added, removed));
    }

    private Datum shared(Datum whole) {
        List<Publisher> publishers = new ArrayList<>(whole.publishers().size());
        whole.publishers().forEach(p -> publishers.add(shared.apply(p)));
        return new Datum(whole.dataInfoId(), whole.version(), publishers);
    }

    /** Deltas read and applied (for metrics and tests). */
    public long deltasApplied() {
        return deltasApplied.sum();
    }

    /** Deltas that did not add up and were replaced by a whole read. */
    public long deltasRejected() {
        return deltasRejected.sum();
    }

    /** How many whole datums are kept. */
    public int cached() {
        return lastRead.size();
    }

    private void sweepNow() {
        if (readsSinceSweep.incrementAndGet() >= SWEEP_EVERY) {
            readsSinceSweep.set(0);
            lastRead.keySet().removeIf(id -> !hasSubscribers.test(id));
            lastDelta.keySet().removeIf(id -> !lastRead.containsKey(id));
        }
    }
}
