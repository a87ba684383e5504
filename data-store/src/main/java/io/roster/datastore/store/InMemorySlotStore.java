package io.roster.datastore.store;

import io.roster.common.model.Datum;
import io.roster.common.model.ProcessId;
import io.roster.common.model.Publisher;
import io.roster.datastore.store.SlotData.Step;
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
 * {@link SlotStore} in memory, made durable through a {@link DatumPersistence}. Each write replaces the datums it
 * changes by new immutable ones under a lock per slot, so readers need no lock and writes to different slots do not
 * wait for each other. A new datum shares all but the written path of its publisher tree with the one it replaces
 * ({@link PublisherTree}): a put or removal costs O(log n) in memory and persists only what it touched. Publishers
 * enter holding the identities they repeat shared ({@link #canonical}). A write is persisted before it becomes
 * visible: if persisting fails, nothing changes and the write throws.
 */
public final class InMemorySlotStore implements SlotStore {
    private static final Logger LOG = LoggerFactory.getLogger(InMemorySlotStore.class);

    private final DatumPersistence persistence;
    private final SlotGuard guard;
    private final RecentRemovals removals = new RecentRemovals();
    private final Identities identities = new Identities();
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

    /** Puts a datum read back from disk; no version rule, nothing persisted. Only before the store is in use. */
    public void restore(int slot, Datum datum) {
        StoredDatum after = canonical(datum);
        SlotData data = slotFor(slot, after.dataInfoId);
        synchronized (data) {
            apply(slot, data, List.of(new Step(data.get(after.dataInfoId), after, null)));
        }
    }

    /**
     * The publisher as this store keeps it: the identities it repeats (dataInfoId, clientId, appName, zone, session
     * process) shared with every other stored publisher, its data in an exact-size immutable list. Every way a
     * publisher enters the store goes through here, before taking the slot's lock.
     */
    private Publisher canonical(Publisher p) {
        return identities.canonical(p);
    }

    /** A whole datum (a follower's install, a restore from disk) as stored, its publishers and id canonical. */
    private StoredDatum canonical(Datum datum) {
        List<Publisher> publishers = new ArrayList<>(datum.publishers().size());
        datum.publishers().forEach(p -> publishers.add(canonical(p)));
        return new StoredDatum(identities.canonical(datum.dataInfoId()), datum.version(), PublisherTree.of(publishers));
    }

    @Override
    public WriteResult put(int slot, Publisher publisher, long leaderEpoch) {
        Publisher p = canonical(publisher);
        SlotData data = slotFor(slot, p.dataInfoId());
        synchronized (data) {
            guard.requireLeads(slot, leaderEpoch);
            guard.requireAdmitted(p.sessionProcessId());
            DatumEdit edit = new DatumEdit(data.get(p.dataInfoId()));
            if (!putInto(edit, p)) {
                return WriteResult.unchanged(edit.before().version);
            }
            return WriteResult.changed(commit(slot, data, List.of(data.next(edit, leaderEpoch))).get(0));
        }
    }

    /**
     * The rule of {@link #put} for one publisher, into an edit of its datum; false if it is ignored. Under the slot's
     * lock; a batch of puts is a loop of this over one edit per datum, then one {@link #commit} of their next versions.
     */
    private boolean putInto(DatumEdit edit, Publisher p) {
        if (removals.removedSince(p, p.registerTimestamp())) {
            LOG.debug("ignored {}: its session removed it after registering it", p);
            return false;
        }
        Publisher held = edit.held(p.registerId());
        if (held != null && !CopyPrecedence.replaces(p, held)) {
            LOG.debug("ignored {}: holding {}", p, held);
            return false;
        }
        edit.put(p);
        return true;
    }

    @Override
    public List<WriteResult> putAll(int slot, List<Publisher> batch, long leaderEpoch) {
        List<Publisher> puts = batch.stream().map(this::canonical).toList();
        puts.forEach(p -> slotFor(slot, p.dataInfoId())); // each datum points at the slot before the batch writes it
        SlotData data = slots.computeIfAbsent(slot, s -> new SlotData());
        synchronized (data) { // one hold of the lock, one persisted write, one version per datum for the whole batch
            guard.requireLeads(slot, leaderEpoch);
            puts.forEach(p -> guard.requireAdmitted(p.sessionProcessId())); // before judging any: all or nothing
            PutBatch edits = new PutBatch(data, puts, this::putInto);
            return edits.results(commit(slot, data, edits.steps(leaderEpoch)));
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
            guard.requireLeads(slot, leaderEpoch);
            DatumEdit edit = new DatumEdit(data.get(dataInfoId));
            Publisher held = edit.held(registerId);
            if (held == null) {
                return WriteResult.unchanged(edit.before().version);
            }
            if (!held.sessionProcessId().equals(sessionProcessId)) {
                LOG.debug("ignored removal of {} in {} by {}: owned by {}", registerId, dataInfoId, sessionProcessId,
                        held.sessionProcessId());
                return WriteResult.unchanged(edit.before().version);
            }
            if (removedAt > 0 && held.registerTimestamp() > removedAt) {
                // A late removal: the client registered it again after the session dropped it (invariant 4).
                LOG.debug("ignored removal of {} in {} at tick {}: registered again at {}", registerId, dataInfoId,
                        removedAt, held.registerTimestamp());
                return WriteResult.unchanged(edit.before().version);
            }
            edit.remove(registerId);
            return WriteResult.changed(commit(slot, data, List.of(data.next(edit, leaderEpoch))).get(0));
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
                guard.requireLeads(slot, leaderEpoch);
            }
        }
        return removeWhere(Map.of(slot, leaderEpoch), p -> !live.test(p.sessionProcessId()));
    }

    @Override
    public WriteResult syncSession(int slot, ProcessId session, long snapshotStamp, List<Publisher> listed, long leaderEpoch) {
        Map<String, List<Publisher>> listedByDatum = new LinkedHashMap<>();
        for (Publisher p : listed) {
            Publisher stored = canonical(p);
            listedByDatum.computeIfAbsent(stored.dataInfoId(), k -> new ArrayList<>()).add(stored);
        }
        SlotData data = listedByDatum.isEmpty() ? slots.get(slot) : slotFor(slot, listedByDatum.keySet().iterator().next());
        if (data == null) {
            return WriteResult.ofChanges(List.of());
        }
        listedByDatum.keySet().forEach(id -> slotFor(slot, id));
        synchronized (data) {
            guard.requireLeads(slot, leaderEpoch);
            guard.requireAdmitted(session);
            Set<String> touched = new TreeSet<>(listedByDatum.keySet());
            for (StoredDatum d : data.datums.values()) {
                if (d.publishers.anyMatch(p -> p.sessionProcessId().equals(session))) {
                    touched.add(d.dataInfoId);
                }
            }
            List<Step> steps = new ArrayList<>();
            for (String id : touched) {
                DatumEdit edit = new DatumEdit(data.get(id));
                List<Publisher> current = listedByDatum.getOrDefault(id, List.of()).stream()
                        .filter(p -> !removals.removedSince(p, snapshotStamp)).toList();
                SessionSync.reconcile(edit, session, snapshotStamp, current);
                if (edit.changed()) {
                    steps.add(data.next(edit, leaderEpoch));
                }
            }
            return WriteResult.ofChanges(commit(slot, data, steps));
        }
    }

    @Override
    public boolean install(int slot, long leaderEpoch, Datum datum) {
        if (datum.version() == 0 && !datum.publishers().isEmpty()) {
            throw new IllegalArgumentException("a datum with publishers needs a version: " + datum);
        }
        StoredDatum incoming = canonical(datum);
        SlotData data = datum.version() == 0 ? slots.get(slot) : slotFor(slot, incoming.dataInfoId);
        if (data == null) {
            return false;
        }
        synchronized (data) {
            if (!guard.follows(slot, leaderEpoch)) {
                // No longer following that leader: a promotion's writes must not be overwritten.
                throw new SlotMovedException(slot, leaderEpoch);
            }
            Step step = SlotData.replacement(data.get(incoming.dataInfoId), incoming);
            if (step == null) {
                return false;
            }
            commit(slot, data, List.of(step));
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
            List<Step> gone = data.tombstones(tombstoneVersions);
            if (gone.isEmpty()) {
                return 0;
            }
            long high = Math.max(data.collectedHigh, gone.stream().mapToLong(g -> g.before().version).max().orElse(0));
            // The floor goes to disk in the same write as the removals: a restart never finds one without the other.
            persistence.collect(slot, gone.stream().map(Step::update).toList(), high);
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
            List<Step> gone = data.datums.values().stream().map(SlotData::deletion).toList();
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
        return stored(dataInfoId).datum();
    }

    @Override
    public DatumRead read(String dataInfoId, long sinceVersion, long leaderEpoch) {
        return stored(dataInfoId).read(sinceVersion, leaderEpoch);
    }

    private StoredDatum stored(String dataInfoId) {
        Integer slot = slotOfDatum.get(dataInfoId);
        SlotData data = slot == null ? null : slots.get(slot);
        return data == null ? StoredDatum.absent(dataInfoId) : data.get(dataInfoId);
    }

    @Override
    public List<Datum> datums(int slot) {
        SlotData data = slots.get(slot);
        if (data == null) {
            return List.of();
        }
        List<Datum> all = new ArrayList<>(data.datums.size());
        data.datums.values().forEach(d -> all.add(d.datum()));
        return all;
    }

    @Override
    public long publisherCount() {
        return publishers.get();
    }

    @Override
    public long datumCount() {
        return nonEmptyDatums.get();
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
                changes.addAll(commit(slot, data, data.removeWhere(doomed, epoch)));
            }
        });
        return WriteResult.ofChanges(changes);
    }

    /** Persists, then shows, the changes of one slot; the caller holds the slot's lock. */
    private List<DatumChange> commit(int slot, SlotData data, List<Step> steps) {
        if (steps.isEmpty()) {
            return List.of();
        }
        persistence.save(slot, steps.stream().map(Step::update).toList());
        apply(slot, data, steps);
        List<DatumChange> changes = new ArrayList<>(steps.size());
        for (Step s : steps) {
            changes.add(new DatumChange(slot, s.after().dataInfoId, s.after().version));
        }
        return changes;
    }

    private void apply(int slot, SlotData data, List<Step> steps) {
        for (Step s : steps) {
            StoredDatum after = s.after();
            if (after.version == 0) {
                data.datums.remove(after.dataInfoId);
                slotOfDatum.remove(after.dataInfoId, slot);
            } else {
                data.datums.put(after.dataInfoId, after);
                // Again after a deletion of the same datum removed it; all under this slot's lock.
                slotOfDatum.put(after.dataInfoId, slot);
            }
            int sizeBefore = s.before().size(), sizeAfter = after.size();
            publishers.addAndGet(sizeAfter - sizeBefore);
            nonEmptyDatums.addAndGet((sizeAfter > 0 ? 1 : 0) - (sizeBefore > 0 ? 1 : 0));
        }
    }
}
