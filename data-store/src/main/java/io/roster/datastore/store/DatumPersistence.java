package io.roster.datastore.store;

import io.roster.common.model.Publisher;

import java.util.List;

/**
 * Where {@link InMemorySlotStore} makes its changes durable. Called under the slot's write lock before the change
 * becomes visible in memory, so a write that fails to persist (disk full, I/O error) is not applied at all and the
 * caller's write fails: memory never runs ahead of disk.
 */
public interface DatumPersistence extends AutoCloseable {

    /** Keeps nothing: a store that lives in memory only (unit tests). */
    DatumPersistence NONE = new DatumPersistence() {
        @Override
        public void save(int slot, List<DatumUpdate> updates) {
        }

        @Override
        public void dropSlot(int slot) {
        }

        @Override
        public void close() {
        }
    };

    /** Persists every update of one slot atomically (all or none). */
    void save(int slot, List<DatumUpdate> updates);

    /**
     * Deletes collected tombstones of one slot and records the slot's new floor of collected versions
     * ({@link SlotStore#collectedHigh}), atomically. A persistence that does not survive a restart needs no floor.
     */
    default void collect(int slot, List<DatumUpdate> removals, long collectedHigh) {
        save(slot, removals);
    }

    /** Deletes everything persisted for {@code slot} (not its floor of collected versions). */
    void dropSlot(int slot);

    @Override
    void close();

    /**
     * One datum's change in a write: its new version, the publishers written (added or replaced) and the registerIds
     * removed, nothing else, so a write to a datum of many publishers persists only what it touched. A
     * {@code version} of 0 means the datum is gone entirely (a follower removing a datum its leader does not have, a
     * collected tombstone, a dropped slot); otherwise a datum left with no publishers is a tombstone whose version
     * must be kept.
     */
    record DatumUpdate(String dataInfoId, long version, List<Publisher> written, List<String> removed) {
        public DatumUpdate {
            written = List.copyOf(written);
            removed = List.copyOf(removed);
        }

        /** The datum deleted entirely, with all its publishers. */
        static DatumUpdate deletion(String dataInfoId) {
            return new DatumUpdate(dataInfoId, 0, List.of(), List.of());
        }

        public boolean deletesDatum() {
            return version == 0;
        }
    }
}
