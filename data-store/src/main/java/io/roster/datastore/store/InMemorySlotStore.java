package io.roster.datastore.store;

import io.roster.common.model.Datum;
import io.roster.common.model.ProcessId;
import io.roster.common.model.Publisher;
import io.roster.common.slot.DatumVersions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntToLongFunction;
import java.util.function.Predicate;

/**
 * {@link SlotStore} in memory. Each write replaces the whole datum (copy-on-write), under a lock per slot, so
 * readers need no lock and writes to different slots do not wait for each other.
 */
public final class InMemorySlotStore implements SlotStore {
    private static final Logger LOG = LoggerFactory.getLogger(InMemorySlotStore.class);

    private final ConcurrentMap<Integer, SlotData> slots = new ConcurrentHashMap<>();
    /** Which slot a dataInfoId was written in, so that a read needs only the dataInfoId. */
    private final ConcurrentMap<String, Integer> slotOfDatum = new ConcurrentHashMap<>();
    private final AtomicLong publishers = new AtomicLong();
    private final AtomicLong nonEmptyDatums = new AtomicLong();

    /** One slot's datums; the instance is also the slot's write lock. */
    private static final class SlotData {
        final ConcurrentMap<String, Datum> datums = new ConcurrentHashMap<>();

        Datum get(String dataInfoId) {
            Datum d = datums.get(dataInfoId);
            return d == null ? Datum.absent(dataInfoId) : d;
        }
    }

    @Override
    public WriteResult put(int slot, Publisher publisher, long leaderEpoch) {
        SlotData data = slotFor(slot, publisher.dataInfoId());
        synchronized (data) {
            Datum before = data.get(publisher.dataInfoId());
            List<Publisher> current = before.publishers();
            int at = PublisherOrder.indexOf(current, publisher.registerId());
            if (at >= 0) {
                Publisher existing = current.get(at);
                if (publisher.version() < existing.version()) {
                    LOG.debug("ignored stale {}: holding version {}", publisher, existing.version());
                    return WriteResult.unchanged(before.version());
                }
                if (existing.equals(publisher)) {
                    return WriteResult.unchanged(before.version());
                }
            }
            return WriteResult.changed(replace(slot, data, before, PublisherOrder.with(current, at, publisher), leaderEpoch));
        }
    }

    @Override
    public WriteResult remove(int slot, String dataInfoId, String registerId, ProcessId sessionProcessId, long leaderEpoch) {
        SlotData data = slots.get(slot);
        if (data == null) {
            return WriteResult.unchanged(0);
        }
        synchronized (data) {
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
            List<Publisher> next = new ArrayList<>(current);
            next.remove(at);
            return WriteResult.changed(replace(slot, data, before, next, leaderEpoch));
        }
    }

    @Override
    public WriteResult clientOff(ProcessId sessionProcessId, String clientId, long registeredBefore,
                                 Map<Integer, Long> leaderEpochBySlot) {
        Predicate<Publisher> doomed = p -> p.sessionProcessId().equals(sessionProcessId) && p.clientId().equals(clientId)
                && p.registerTimestamp() <= registeredBefore;
        List<DatumChange> changes = new ArrayList<>();
        leaderEpochBySlot.forEach((slot, epoch) -> {
            SlotData data = slots.get(slot);
            if (data != null) {
                changes.addAll(removeWhere(slot, data, doomed, epoch));
            }
        });
        return WriteResult.ofChanges(changes);
    }

    @Override
    public WriteResult removeSession(ProcessId sessionProcessId, IntToLongFunction leaderEpochOf) {
        Predicate<Publisher> doomed = p -> p.sessionProcessId().equals(sessionProcessId);
        List<DatumChange> changes = new ArrayList<>();
        slots.forEach((slot, data) -> changes.addAll(removeWhere(slot, data, doomed, leaderEpochOf.applyAsLong(slot))));
        return WriteResult.ofChanges(changes);
    }

    @Override
    public Datum get(String dataInfoId) {
        Integer slot = slotOfDatum.get(dataInfoId);
        return slot == null ? Datum.absent(dataInfoId) : slots.get(slot).get(dataInfoId);
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

    private List<DatumChange> removeWhere(int slot, SlotData data, Predicate<Publisher> doomed, long leaderEpoch) {
        List<DatumChange> changes = new ArrayList<>();
        synchronized (data) {
            for (Datum before : List.copyOf(data.datums.values())) {
                List<Publisher> kept = before.publishers().stream().filter(doomed.negate()).toList();
                if (kept.size() != before.publishers().size()) {
                    changes.add(replace(slot, data, before, kept, leaderEpoch));
                }
            }
        }
        return changes;
    }

    /** Installs the next version of a datum; the caller holds the slot's lock. */
    private DatumChange replace(int slot, SlotData data, Datum before, List<Publisher> publishersAfter, long leaderEpoch) {
        Datum after = new Datum(before.dataInfoId(), DatumVersions.next(before.version(), leaderEpoch), publishersAfter);
        data.datums.put(after.dataInfoId(), after);
        int sizeBefore = before.publishers().size(), sizeAfter = after.publishers().size();
        publishers.addAndGet(sizeAfter - sizeBefore);
        nonEmptyDatums.addAndGet((sizeAfter > 0 ? 1 : 0) - (sizeBefore > 0 ? 1 : 0));
        return new DatumChange(slot, after.dataInfoId(), after.version());
    }
}
