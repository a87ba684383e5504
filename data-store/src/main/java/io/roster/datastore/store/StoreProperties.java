package io.roster.datastore.store;

/** Reads a numeric property of the store's engine (a RocksDB property such as rocksdb.total-sst-files-size). */
@FunctionalInterface
public interface StoreProperties {
    /** What a property reads as when the store has none, or is closed. */
    long UNAVAILABLE = -1;

    StoreProperties NONE = name -> UNAVAILABLE;

    /** The property's value now, or {@link #UNAVAILABLE}; never throws. */
    long read(String name);
}
