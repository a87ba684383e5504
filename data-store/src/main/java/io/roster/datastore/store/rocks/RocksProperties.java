package io.roster.datastore.store.rocks;

import io.roster.datastore.store.StoreProperties;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;

/**
 * RocksDB properties read at scrape time. Reading a closed RocksDB handle crashes the JVM rather than throwing,
 * so a read and the close share this object's lock, and once {@link #closing()} has run every read is UNAVAILABLE.
 */
final class RocksProperties implements StoreProperties {
    private final RocksDB db;
    private boolean closed;

    RocksProperties(RocksDB db) {
        this.db = db;
    }

    @Override
    public synchronized long read(String name) {
        if (closed) {
            return UNAVAILABLE;
        }
        try {
            return db.getLongProperty(name);
        } catch (RocksDBException e) {
            return UNAVAILABLE;
        }
    }

    /** Called before the database closes; waits for a read under way. */
    synchronized void closing() {
        closed = true;
    }
}
