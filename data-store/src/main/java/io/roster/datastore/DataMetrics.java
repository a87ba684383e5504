package io.roster.datastore;

import com.codahale.metrics.MetricRegistry;
import io.roster.datastore.slot.SlotStates;
import io.roster.datastore.store.OpenedStore;
import io.roster.datastore.store.StoreProperties;

import java.util.function.Supplier;

/**
 * A data node's store and slot figures on /metrics, all read at scrape time: RocksDB properties (an in-memory
 * read behind a short lock that only close also takes) and lock-free counts, so a scrape never slows a write.
 */
final class DataMetrics {
    static final String SST_BYTES = "rocksdb.total-sst-files-size";
    static final String MEMTABLE_BYTES = "rocksdb.cur-size-all-mem-tables";
    static final String PENDING_COMPACTION_BYTES = "rocksdb.estimate-pending-compaction-bytes";
    static final String RUNNING_COMPACTIONS = "rocksdb.num-running-compactions";

    private DataMetrics() {
    }

    /** @param opened the node's store, null before start: its figures read -1 until then */
    static void register(MetricRegistry metrics, Supplier<OpenedStore> opened, SlotStates states) {
        Supplier<StoreProperties> rocks = () -> {
            OpenedStore o = opened.get();
            return o == null ? StoreProperties.NONE : o.properties();
        };
        metrics.gauge("data.rocksdb.size-bytes", () -> () -> sizeBytes(rocks.get()));
        metrics.gauge("data.rocksdb.pending-compaction-bytes", () -> () -> rocks.get().read(PENDING_COMPACTION_BYTES));
        metrics.gauge("data.rocksdb.compactions-running", () -> () -> rocks.get().read(RUNNING_COMPACTIONS));
        metrics.gauge("data.promotions", () -> states::promotions);
        metrics.gauge("data.migrations.in-progress", () -> states::migratingCount);
    }

    /** SST files plus live memtables: what the copy takes on disk and in RocksDB's memory; -1 if unreadable. */
    static long sizeBytes(StoreProperties rocks) {
        long sst = rocks.read(SST_BYTES);
        long memtables = rocks.read(MEMTABLE_BYTES);
        return sst < 0 || memtables < 0 ? StoreProperties.UNAVAILABLE : sst + memtables;
    }
}
