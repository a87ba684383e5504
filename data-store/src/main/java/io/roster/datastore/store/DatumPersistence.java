package io.roster.datastore.store;

import io.roster.common.model.Datum;

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
     * One datum before and after a write. An {@code after} of version 0 means the datum is gone entirely (a
     * follower removing a datum its leader does not have); otherwise an empty {@code after} is a tombstone whose
     * version must be kept.
     */
    record DatumUpdate(Datum before, Datum after) {
        public boolean deletesDatum() {
            return after.version() == 0;
        }
    }
}
