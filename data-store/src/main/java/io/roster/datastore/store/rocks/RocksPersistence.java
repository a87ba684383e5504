package io.roster.datastore.store.rocks;

import io.roster.common.model.Publisher;
import io.roster.common.rpc.Protostuff;
import io.roster.datastore.store.DatumPersistence;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Persists datum updates into the node's RocksDB, one WriteBatch per store write: the datum's version header plus
 * a key per changed publisher ({@link StoreKeys}), so a republish rewrites one publisher, not the whole datum.
 * The WAL is on and not fsynced: a killed process loses nothing (the OS holds the log), a machine crash may lose
 * the last writes, which the leader's stream and the sessions' digests then repair.
 */
final class RocksPersistence implements DatumPersistence {
    private final RocksDB db;
    private final Path dir;
    private final WriteOptions writeOptions = new WriteOptions();
    /** Writers share it; close takes it alone, so no write reaches a closed native handle (that would crash the JVM). */
    private final ReadWriteLock lifecycle = new ReentrantReadWriteLock();
    private boolean closed;

    RocksPersistence(RocksDB db, Path dir) {
        this.db = db;
        this.dir = dir;
    }

    @Override
    public void save(int slot, List<DatumUpdate> updates) {
        lifecycle.readLock().lock();
        try (WriteBatch batch = new WriteBatch()) {
            requireOpen();
            for (DatumUpdate u : updates) {
                write(batch, slot, u);
            }
            db.write(writeOptions, batch);
        } catch (RocksDBException e) {
            throw new StoreIoException("writing slot " + slot + " to " + dir + " failed: " + e.getMessage(), e);
        } finally {
            lifecycle.readLock().unlock();
        }
    }

    @Override
    public void collect(int slot, List<DatumUpdate> removals, long collectedHigh) {
        lifecycle.readLock().lock();
        try (WriteBatch batch = new WriteBatch()) {
            requireOpen();
            for (DatumUpdate u : removals) {
                write(batch, slot, u);
            }
            batch.put(StoreKeys.collectedKey(slot), StoreKeys.version(collectedHigh));
            db.write(writeOptions, batch);
        } catch (RocksDBException e) {
            throw new StoreIoException("collecting tombstones of slot " + slot + " in " + dir + " failed: " + e.getMessage(), e);
        } finally {
            lifecycle.readLock().unlock();
        }
    }

    private void requireOpen() {
        if (closed) {
            throw new StoreIoException("the data copy in " + dir + " is closed: this data node is stopping", null);
        }
    }

    private static void write(WriteBatch batch, int slot, DatumUpdate u) throws RocksDBException {
        String id = u.dataInfoId();
        if (u.deletesDatum()) {
            byte[] start = StoreKeys.datumKey(slot, id);
            batch.deleteRange(start, endOf(start));
            return;
        }
        batch.put(StoreKeys.datumKey(slot, id), StoreKeys.version(u.version()));
        // Only what the write touched (the store knows it): a republish rewrites one key whatever the datum's size.
        for (String gone : u.removed()) {
            batch.delete(StoreKeys.publisherKey(slot, id, gone));
        }
        for (Publisher p : u.written()) {
            batch.put(StoreKeys.publisherKey(slot, id, p.registerId()), Protostuff.encode(p));
        }
    }

    /** The first key after every key that starts with {@code prefix} (which ends in 0x00, so never overflows). */
    private static byte[] endOf(byte[] prefix) {
        byte[] end = prefix.clone();
        end[end.length - 1] = 1;
        return end;
    }

    @Override
    public void dropSlot(int slot) {
        lifecycle.readLock().lock();
        try {
            requireOpen();
            db.deleteRange(writeOptions, StoreKeys.slotStart(slot), StoreKeys.slotEnd(slot));
        } catch (RocksDBException e) {
            throw new StoreIoException("dropping slot " + slot + " from " + dir + " failed: " + e.getMessage(), e);
        } finally {
            lifecycle.readLock().unlock();
        }
    }

    /** Waits for writes in progress, then refuses any later one; the caller closes the database after this. */
    @Override
    public void close() {
        lifecycle.writeLock().lock();
        try {
            closed = true;
            writeOptions.close();
        } finally {
            lifecycle.writeLock().unlock();
        }
    }
}
