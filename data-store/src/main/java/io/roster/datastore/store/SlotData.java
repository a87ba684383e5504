package io.roster.datastore.store;

import io.roster.common.model.Publisher;
import io.roster.common.slot.DatumVersions;
import io.roster.datastore.store.DatumPersistence.DatumUpdate;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Predicate;

/** One slot's datums in an {@link InMemorySlotStore}; the instance is also the slot's write lock. */
final class SlotData {
    final ConcurrentMap<String, StoredDatum> datums = new ConcurrentHashMap<>();
    /** The highest version of a tombstone collected here (see {@link SlotStore#collectedHigh}); under the lock. */
    long collectedHigh;

    StoredDatum get(String dataInfoId) {
        StoredDatum d = datums.get(dataInfoId);
        return d == null ? StoredDatum.absent(dataInfoId) : d;
    }

    /** The next version of an edited datum of this slot, and its update for the persistence; under the lock. */
    Step next(DatumEdit edit, long leaderEpoch) {
        StoredDatum before = edit.before();
        // A datum absent now may have been collected: within one leaderEpoch only the slot's floor keeps it above
        // the versions it had (the epoch floor alone would start it at floor + 1 again).
        long previous = before.version == 0 ? collectedHigh : before.version;
        ChangeLog log = before.log() == null ? null : before.log().next(leaderEpoch, before.version, edit.touched());
        StoredDatum after = new StoredDatum(before.dataInfoId, DatumVersions.next(previous, leaderEpoch), edit.after(), log);
        return new Step(before, after, new DatumUpdate(after.dataInfoId, after.version, edit.written(), edit.removed()));
    }

    /** Removes every publisher {@code doomed} picks, each datum it touches to its next version; under the lock. */
    List<Step> removeWhere(Predicate<Publisher> doomed, long leaderEpoch) {
        List<Step> steps = new ArrayList<>();
        for (StoredDatum before : datums.values()) {
            List<String> gone = new ArrayList<>();
            before.publishers.forEach(p -> {
                if (doomed.test(p)) {
                    gone.add(p.registerId());
                }
            });
            if (!gone.isEmpty()) {
                DatumEdit edit = new DatumEdit(before);
                gone.forEach(edit::remove);
                steps.add(next(edit, leaderEpoch));
            }
        }
        return steps;
    }

    /** {@code before} replaced by {@code after} whole (a follower's install), or null if they are the same. */
    static Step replacement(StoredDatum before, StoredDatum after) {
        PublisherDiff diff = PublisherDiff.of(before.publishers, after.publishers);
        if (before.version == after.version && diff.removed().isEmpty() && diff.written().isEmpty()) {
            return null;
        }
        return new Step(before, after, after.version == 0 ? DatumUpdate.deletion(after.dataInfoId)
                : new DatumUpdate(after.dataInfoId, after.version, diff.written(), diff.removed()));
    }

    /** Deletions of the datums of {@code versions} still empty at exactly that version; under the lock. */
    List<Step> tombstones(Map<String, Long> versions) {
        List<Step> gone = new ArrayList<>();
        versions.forEach((id, version) -> {
            StoredDatum d = datums.get(id);
            if (d != null && d.publishers.isEmpty() && d.version == version) {
                gone.add(deletion(d));
            }
        });
        return gone;
    }

    /** {@code d} deleted entirely, tombstone and all. */
    static Step deletion(StoredDatum d) {
        return new Step(d, StoredDatum.absent(d.dataInfoId), DatumUpdate.deletion(d.dataInfoId));
    }

    /** A datum's change in one write: what memory shows after it, and what the persistence writes (null: nothing). */
    record Step(StoredDatum before, StoredDatum after, DatumUpdate update) {
    }
}
