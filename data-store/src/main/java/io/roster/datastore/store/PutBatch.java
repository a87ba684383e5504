package io.roster.datastore.store;

import io.roster.common.model.Publisher;
import io.roster.datastore.store.SlotData.Step;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiPredicate;

/**
 * Several puts to one slot folded into one write ({@link SlotStore#putAll}): each publisher is judged as
 * {@link SlotStore#put} judges it, against its datum as the earlier puts of the batch left it, so the outcome is that
 * of the puts one by one; but each datum gets one edit, so it is versioned and persisted once. Used under the slot's
 * lock.
 */
final class PutBatch {
    private final SlotData data;
    private final List<Publisher> puts;
    /** One edit per datum the batch names, and those of them a put changed, in the order first named. */
    private final Map<String, DatumEdit> edits = new LinkedHashMap<>();
    private final Map<String, DatumEdit> changed = new LinkedHashMap<>();

    /** @param putInto the store's rule for one put into an edit; false when the put is ignored */
    PutBatch(SlotData data, List<Publisher> puts, BiPredicate<DatumEdit, Publisher> putInto) {
        this.data = data;
        this.puts = puts;
        for (Publisher p : puts) {
            DatumEdit edit = edits.computeIfAbsent(p.dataInfoId(), id -> new DatumEdit(data.get(id)));
            if (putInto.test(edit, p)) {
                changed.put(p.dataInfoId(), edit);
            }
        }
    }

    /** The next version of each datum the batch changed. */
    List<Step> steps(long leaderEpoch) {
        List<Step> steps = new ArrayList<>(changed.size());
        changed.values().forEach(edit -> steps.add(data.next(edit, leaderEpoch)));
        return steps;
    }

    /**
     * One result per put, in order, once {@code changes} (of {@link #steps}) are committed: the version of its datum
     * after the batch. Each datum's change is carried by one result only, so its notice goes out once.
     */
    List<WriteResult> results(List<DatumChange> changes) {
        Map<String, DatumChange> byId = new HashMap<>();
        changes.forEach(c -> byId.put(c.dataInfoId(), c));
        List<WriteResult> results = new ArrayList<>(puts.size());
        for (Publisher p : puts) {
            DatumChange change = byId.remove(p.dataInfoId());
            results.add(change != null ? WriteResult.changed(change) : WriteResult.unchanged(data.get(p.dataInfoId()).version));
        }
        return results;
    }
}
