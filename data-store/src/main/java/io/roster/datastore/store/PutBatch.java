package io.roster.datastore.store;

import io.roster.common.model.Datum;
import io.roster.common.model.ProcessId;
import io.roster.common.model.Publisher;
import io.roster.datastore.store.DatumPersistence.DatumUpdate;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Several puts to one slot folded into one write ({@link SlotStore#putAll}): each publisher is judged as
 * {@link SlotStore#put} judges it (a removal it predates, {@link CopyPrecedence}), against its datum as the earlier
 * puts of the batch left it, so the outcome is that of the puts one by one; but each datum changes, and is
 * versioned and persisted, once. Used under the slot's lock.
 */
final class PutBatch {
    private final List<Publisher> batch;
    private final Function<String, Datum> held;
    /** The publishers after the batch of each datum it changes, in the order first changed. */
    private final Map<String, List<Publisher>> changed = new LinkedHashMap<>();

    /** @throws OwnerExpiredException when a publisher's session process is not {@code admitted}; nothing is judged then */
    PutBatch(List<Publisher> batch, Function<String, Datum> held, RecentRemovals removals, Predicate<ProcessId> admitted) {
        this.batch = batch;
        this.held = held;
        for (Publisher p : batch) {
            if (!admitted.test(p.sessionProcessId())) {
                throw new OwnerExpiredException(p.sessionProcessId());
            }
        }
        for (Publisher p : batch) {
            String id = p.dataInfoId();
            List<Publisher> current = changed.containsKey(id) ? changed.get(id) : held.apply(id).publishers();
            if (removals.removedSince(p, p.registerTimestamp())) {
                continue; // its session removed it after registering it
            }
            int at = PublisherOrder.indexOf(current, p.registerId());
            if (at < 0 || CopyPrecedence.replaces(p, current.get(at))) {
                changed.put(id, PublisherOrder.with(current, at, p));
            }
        }
    }

    /** One update per datum the batch changes; {@code next} versions a datum's new publishers. */
    List<DatumUpdate> updates(BiFunction<Datum, List<Publisher>, DatumUpdate> next) {
        List<DatumUpdate> updates = new ArrayList<>(changed.size());
        changed.forEach((id, after) -> updates.add(next.apply(held.apply(id), after)));
        return updates;
    }

    /**
     * One result per publisher, in order, once {@code changes} (of {@link #updates}) are committed: the version of its
     * datum after the batch. Each datum's change is carried by one result only, so notices go once per datum.
     */
    List<WriteResult> results(List<DatumChange> changes) {
        Map<String, DatumChange> byId = new HashMap<>();
        changes.forEach(c -> byId.put(c.dataInfoId(), c));
        List<WriteResult> results = new ArrayList<>(batch.size());
        for (Publisher p : batch) {
            DatumChange change = byId.remove(p.dataInfoId());
            results.add(change != null ? WriteResult.changed(change) : WriteResult.unchanged(held.apply(p.dataInfoId()).version()));
        }
        return results;
    }
}
