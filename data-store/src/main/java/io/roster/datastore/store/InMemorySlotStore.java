package io.roster.datastore.store;

import io.roster.common.model.Datum;
import io.roster.common.model.ProcessId;
import io.roster.common.model.Publisher;
import io.roster.common.slot.DatumVersions;
import io.roster.datastore.store.DatumPersistence.DatumUpdate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * {@link SlotStore} in memory, made durable through a {@link DatumPersistence}. Each write replaces whole datums
 * (copy-on-write) under a lock per slot, so readers need no lock and writes to different slots do not wait for each
 * other. A write is persisted before it becomes visible: if persisting fails, nothing changes and the write throws.
 */
public final class InMemorySlotStore implements SlotStore {
    private static final Logger LOG = LoggerFactory.getLogger(InMemorySlotStore.class);

    private final DatumPersistence persistence;
    private final SlotGuard guard;
    private final RecentRemovals removals = new RecentRemovals();
    private final ConcurrentMap<Integer, SlotData> slots = new ConcurrentHashMap<>();
    /** Which slot a dataInfoId was written in, so that a read needs only the dataInfoId. */
    private final ConcurrentMap<String, Integer> slotOfDatum = new ConcurrentHashMap<>();
    private final AtomicLong publishers = new AtomicLong();
    private final AtomicLong nonEmptyDatums = new AtomicLong();

    /** A store in memory only, governed by no slot table. */
    public InMemorySlotStore() {
        this(DatumPersistence.NONE, SlotGuard.NONE);
    }

    public InMemorySlotStore(DatumPersistence persistence, SlotGuard guard) {
        this.persistence = persistence;
        this.guard = guard;
    }

    /** One slot's datums; the instance is also the slot's write lock. */
    private static final class SlotData {
        final ConcurrentMap<String, Datum> datums = new ConcurrentHashMap<>();
        /** The highest version of a tombstone collected here (see {@link SlotStore#collectedHigh}); under the lock. */
        long collectedHigh;

        Datum get(String dataInfoId) {
            Datum d = datums.get(dataInfoId);
            return d == null ? Datum.absent(dataInfoId) : d;
        }
    }

    /** Puts a datum read back from disk; no version rule, nothing persisted. Only before the store is in use. */
    public void restore(int slot, Datum datum) {
        SlotData data = slotFor(slot, datum.dataInfoId());
        synchronized (data) {
            apply(slot, data, List.of(new DatumUpdate(data.get(datum.dataInfoId()), datum)));
        }
    }

    @Override
    public WriteResult put(int slot, Publisher publisher, long leaderEpoch) {
        SlotData data = slotFor(slot, publisher.dataInfoId());
        synchronized (data) {
            requireLeads(slot, leaderEpoch);
            requireAdmitted(publisher.sessionProcessId());
            Datum before = data.get(publisher.dataInfoId());
            if (removals.removedSince(publisher, publisher.registerTimestamp())) {
                LOG.debug("ignored {}: its session removed it after registering it", publisher);
                return WriteResult.unchanged(before.version());
            }
            List<Publisher> current = before.publishers();
            int at = PublisherOrder.indexOf(current, publisher.registerId());
            if (at >= 0 && !CopyPrecedence.replaces(publisher, current.get(at))) {
                LOG.debug("ignored {}: holding {}", publisher, current.get(at));
                return WriteResult.unchanged(before.version());
            }
            List<DatumChange> changes = commit(slot, data,
                    List.of(next(data, before, PublisherOrder.with(current, at, publisher), leaderEpoch)));
            return WriteResult.changed(changes.get(0));
        }
    }

    @Override
    public List<WriteResult> putAll(int slot, List<Publisher> batch, long leaderEpoch) {
        SlotData data = batch.stream().map(p -> slotFor(slot, p.dataInfoId())).reduce((a, b) -> a).orElseGet(SlotData::new);
        synchronized (data) { // one hold of the lock, one persisted write, one version per datum for the whole batch
            requireLeads(slot, leaderEpoch);
            PutBatch puts = new PutBatch(batch, data::get, removals, guard::admits);
            return puts.results(commit(slot, data, puts.updates((before, after) -> next(data, before, after, leaderEpoch))));
        }
    }

    @Override
    public WriteResult remove(int slot, String dataInfoId, String registerId, ProcessId sessionProcessId, long removedAt,
                              long leaderEpoch) {
        // Remembered first: a write or sync that gets the slot lock after this can no longer bring it back, and one
        // that got it before is undone by the removal below.
        removals.unpublished(sessionProcessId, registerId, removedAt, System.currentTimeMillis());
        SlotData data = slots.get(slot);
        if (data == null) {
            return WriteResult.unchanged(0);
        }
        synchronized (data) {
            requireLeads(slot, leaderEpoch);
            Datum before = data.get(dataInfoId);
            List<Publisher> current = before.publishers();
            int at = PublisherOrder.indexOf(current, registerId);
            if (at < 0) {
                return WriteResult.unchanged(before.version());
            }
            if (!current.get(at).sessionProcessId().equals(sessionProcessId)) {
                LOG.debug("ignored removal of {} in {} by {}: owned by {}", registerId, dataInfoId, sessionProcessId,
                        current.get(at).sessionProcessId());
                return WriteResult.unchanged(before.version());
            }
            if (removedAt > 0 && current.get(at).registerTimestamp() > removedAt) {
                // A late removal: the client registered it again after the session dropped it (invariant 4).
                LOG.debug("ignored removal of {} in {} at tick {}: registered again at {}", registerId, dataInfoId,
                        removedAt, current.get(at).registerTimestamp());
                return WriteResult.unchanged(before.version());
            }
            List<Publisher> kept = new ArrayList<>(current);
            kept.remove(at);
            return WriteResult.changed(commit(slot, data, List.of(next(data, before, kept, leaderEpoch))).get(0));
        }
    }

    @Override
    public WriteResult clientOff(ProcessId sessionProcessId, String clientId, long registeredBefore, long removedAt,
                                 Map<Integer, Long> leaderEpochBySlot) {
        removals.clientOff(sessionProcessId, clientId, registeredBefore, removedAt, System.currentTimeMillis());
        return removeWhere(leaderEpochBySlot, p -> p.sessionProcessId().equals(sessionProcessId)
                && p.clientId().equals(clientId) && p.registerTimestamp() <= registeredBefore);
    }

    @Override
    public WriteResult removeSession(ProcessId sessionProcessId, Map<Integer, Long> leaderEpochBySlot) {
        return removeWhere(leaderEpochBySlot, p -> p.sessionProcessId().equals(sessionProcessId));
    }

    @Override
    public WriteResult removeOwnersExcept(int slot, Predicate<ProcessId> live, long leaderEpoch) {
        SlotData data = slots.get(slot);
        if (data != null) {
            synchronized (data) {
                requireLeads(slot, leaderEpoch);
            }
        }
        return removeWhere(Map.of(slot, leaderEpoch), p -> !live.test(p.sessionProcessId()));
    }

    @Override
    public WriteResult syncSession(int slot, ProcessId session, long snapshotStamp, List<Publisher> listed, long leaderEpoch) {
        Map<String, List<Publisher>> listedByDatum = new LinkedHashMap<>();
        for (Publisher p : listed) {
            listedByDatum.computeIfAbsent(p.dataInfoId(), k -> new ArrayList<>()).add(p);
        }
        SlotData data = listedByDatum.isEmpty() ? slots.get(slot) : slotFor(slot, listedByDatum.keySet().iterator().next());
        if (data == null) {
            return WriteResult.ofChanges(List.of());
        }
        listedByDatum.keySet().forEach(id -> slotFor(slot, id));
        synchronized (data) {
            requireLeads(slot, leaderEpoch);
            requireAdmitted(session);
            Set<String> touched = new TreeSet<>(listedByDatum.keySet());
            for (Datum d : data.datums.values()) {
                if (d.publishers().stream().anyMatch(p -> p.sessionProcessId().equals(session))) {
                    touched.add(d.dataInfoId());
                }
            }
            List<DatumUpdate> updates = new ArrayList<>();
            for (String id : touched) {
                Datum before = data.get(id);
                List<Publisher> current = listedByDatum.getOrDefault(id, List.of()).stream()
                        .filter(p -> !removals.removedSince(p, snapshotStamp)).toList();
                List<Publisher> after = SessionSync.reconcile(before.publishers(), session, snapshotStamp, current);
                if (!after.equals(before.publishers())) {
                    updates.add(next(data, before, after, leaderEpoch));
                }
            }
            return WriteResult.ofChanges(commit(slot, data, updates));
        }
    }

    @Override
    public boolean install(int slot, long leaderEpoch, Datum datum) {
        if (datum.version() == 0 && !datum.publishers().isEmpty()) {
            throw new IllegalArgumentException("a datum with publishers needs a version: " + datum);
        }
        SlotData data = datum.version() == 0 ? slots.get(slot) : slotFor(slot, datum.dataInfoId());
        if (data == null) {
            return false;
        }
        synchronized (data) {
            if (!guard.follows(slot, leaderEpoch)) {
                // No longer following that leader: a promotion's writes must not be overwritten.
                throw new SlotMovedException(slot, leaderEpoch);
            }
            Datum before = data.get(datum.dataInfoId());
            if (before.equals(datum)) {
                return false;
            }
            commit(slot, data, List.of(new DatumUpdate(before, datum)));
            return true;
        }
    }

    @Override
    public int collectTombstones(int slot, Map<String, Long> tombstoneVersions) {
        SlotData data = slots.get(slot);
        if (data == null) {
            return 0;
        }
        synchronized (data) {
            List<DatumUpdate> gone = new ArrayList<>();
            long high = data.collectedHigh;
            for (Map.Entry<String, Long> t : tombstoneVersions.entrySet()) {
                Datum d = data.datums.get(t.getKey());
                if (d != null && d.publishers().isEmpty() && d.version() == t.getValue()) {
                    gone.add(new DatumUpdate(d, Datum.absent(d.dataInfoId())));
                    high = Math.max(high, d.version());
                }
            }
            if (gone.isEmpty()) {
                return 0;
            }
            // The floor goes to disk in the same write as the removals: a restart never finds one without the other.
            persistence.collect(slot, gone, high);
            data.collectedHigh = high;
            apply(slot, data, gone);
            return gone.size();
        }
    }

    @Override
    public long collectedHigh(int slot) {
        SlotData data = slots.get(slot);
        if (data == null) {
            return 0;
        }
        synchronized (data) {
            return data.collectedHigh;
        }
    }

    /** Sets the slot's floor of collected versions read back from disk. Only before the store is in use. */
    public void restoreCollectedHigh(int slot, long collectedHigh) {
        SlotData data = slots.computeIfAbsent(slot, s -> new SlotData());
        synchronized (data) {
            data.collectedHigh = Math.max(data.collectedHigh, collectedHigh);
        }
    }

    @Override
    public void dropSlot(int slot) {
        SlotData data = slots.get(slot);
        if (data == null) {
            return;
        }
        synchronized (data) {
            persistence.dropSlot(slot);
            List<DatumUpdate> gone = new ArrayList<>();
            for (Datum d : data.datums.values()) {
                gone.add(new DatumUpdate(d, Datum.absent(d.dataInfoId())));
            }
            // The (now empty) SlotData stays: a writer may already hold it, and must not write into a detached one.
            apply(slot, data, gone);
        }
    }

    @Override
    public Set<Integer> slots() {
        Set<Integer> held = new TreeSet<>();
        slots.forEach((slot, data) -> {
            if (!data.datums.isEmpty()) {
                held.add(slot);
            }
        });
        return held;
    }

    @Override
    public Datum get(String dataInfoId) {
        Integer slot = slotOfDatum.get(dataInfoId);
        SlotData data = slot == null ? null : slots.get(slot);
        return data == null ? Datum.absent(dataInfoId) : data.get(dataInfoId);
    }

    @Override
    public List<Datum> datums(int slot) {
        SlotData data = slots.get(slot);
        return data == null ? List.of() : List.copyOf(data.datums.values());
    }

    @Override
    public long publisherCount() {
        return publishers.get();
    }

    @Override
    public long datumCount() {
        return nonEmptyDatums.get();
    }

    private void requireAdmitted(ProcessId session) {
        if (!guard.admits(session)) {
            throw new OwnerExpiredException(session);
        }
    }

    private void requireLeads(int slot, long leaderEpoch) {
        if (!guard.leads(slot, leaderEpoch)) {
            throw new SlotMovedException(slot, leaderEpoch);
        }
    }

    private SlotData slotFor(int slot, String dataInfoId) {
        // The slot exists before the datum points at it, so a concurrent get() never finds a pointer to nothing.
        SlotData data = slots.computeIfAbsent(slot, s -> new SlotData());
        Integer known = slotOfDatum.putIfAbsent(dataInfoId, slot);
        if (known != null && known != slot) {
            // Two slots writing one datum under different locks would lose writes; callers validate the slot first.
            throw new IllegalArgumentException(dataInfoId + " is stored in slot " + known + ", not slot " + slot);
        }
        return data;
    }

    private WriteResult removeWhere(Map<Integer, Long> leaderEpochBySlot, Predicate<Publisher> doomed) {
        List<DatumChange> changes = new ArrayList<>();
        leaderEpochBySlot.forEach((slot, epoch) -> {
            SlotData data = slots.get(slot);
            if (data == null) {
                return;
            }
            synchronized (data) {
                if (!guard.leads(slot, epoch)) {
                    return; // moved away meanwhile: its new leader cleans it
                }
                List<DatumUpdate> updates = new ArrayList<>();
                for (Datum before : data.datums.values()) {
                    List<Publisher> kept = before.publishers().stream().filter(doomed.negate()).toList();
                    if (kept.size() != before.publishers().size()) {
                        updates.add(next(data, before, kept, epoch));
                    }
                }
                changes.addAll(commit(slot, data, updates));
            }
        });
        return WriteResult.ofChanges(changes);
    }

    private static DatumUpdate next(SlotData data, Datum before, List<Publisher> publishersAfter, long leaderEpoch) {
        // A datum absent now may have been collected: within one leaderEpoch only the slot's floor keeps it above
        // the versions it had (the epoch floor alone would start it at floor + 1 again).
        long previous = before.version() == 0 ? data.collectedHigh : before.version();
        return new DatumUpdate(before, new Datum(before.dataInfoId(), DatumVersions.next(previous, leaderEpoch),
                publishersAfter));
    }

    /** Persists, then shows, the updates of one slot; the caller holds the slot's lock. */
    private List<DatumChange> commit(int slot, SlotData data, List<DatumUpdate> updates) {
        if (updates.isEmpty()) {
            return List.of();
        }
        persistence.save(slot, updates);
        apply(slot, data, updates);
        List<DatumChange> changes = new ArrayList<>(updates.size());
        for (DatumUpdate u : updates) {
            changes.add(new DatumChange(slot, u.after().dataInfoId(), u.after().version()));
        }
        return changes;
    }

    private void apply(int slot, SlotData data, List<DatumUpdate> updates) {
        for (DatumUpdate u : updates) {
            Datum after = u.after();
            if (u.deletesDatum()) {
                data.datums.remove(after.dataInfoId());
                slotOfDatum.remove(after.dataInfoId(), slot);
            } else {
                data.datums.put(after.dataInfoId(), after);
                // Again after a deletion of the same datum removed it; all under this slot's lock.
                slotOfDatum.put(after.dataInfoId(), slot);
            }
            int sizeBefore = u.before().publishers().size(), sizeAfter = after.publishers().size();
            publishers.addAndGet(sizeAfter - sizeBefore);
            nonEmptyDatums.addAndGet((sizeAfter > 0 ? 1 : 0) - (sizeBefore > 0 ? 1 : 0));
        }
    }
}
