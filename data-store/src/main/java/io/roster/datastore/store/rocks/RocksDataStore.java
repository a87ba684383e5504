package io.roster.datastore.store.rocks;

import io.roster.common.slot.SlotFunction;
import io.roster.datastore.store.DataDirException;
import io.roster.datastore.store.InMemorySlotStore;
import io.roster.datastore.store.LoadReport;
import io.roster.datastore.store.OpenedStore;
import io.roster.datastore.store.SlotGuard;
import io.roster.datastore.store.rocks.CopyLoader.DamagedCopyException;
import org.rocksdb.FlushOptions;
import org.rocksdb.InfoLogLevel;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.Status;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.TimeUnit;

/**
 * Opens a data node's RocksDB (one per node) and loads its copy into an {@link InMemorySlotStore} that writes
 * through to it. Reads are served from memory; RocksDB is there so that a restarted node starts from its last copy
 * and needs only a diff.
 *
 * <p>A damaged copy (a checksum or record that does not verify, a truncated file) is never served: the directory is
 * moved aside as {@code DIR.damaged-TIMESTAMP}, for inspection, and the node starts empty and resyncs from the slot
 * leaders and the sessions, the sources of truth. A directory that cannot be used at all (locked by another process,
 * not writable, written for another slot count) stops start-up with a {@link DataDirException}.
 */
public final class RocksDataStore {
    private static final Logger LOG = LoggerFactory.getLogger(RocksDataStore.class);
    private static final String FORMAT = "roster-data 1";

    private RocksDataStore() {
    }

    /** Opens a copy no slot table governs (tools, tests). */
    public static OpenedStore open(Path dir, int slotCount) {
        return open(dir, slotCount, SlotGuard.NONE);
    }

    /** Opens the copy of a data node whose writes {@code guard} admits (see {@link SlotGuard}). */
    public static OpenedStore open(Path dir, int slotCount, SlotGuard guard) {
        RocksDB.loadLibrary();
        long started = System.nanoTime();
        try {
            return load(dir, slotCount, guard, started);
        } catch (DamagedCopyException e) {
            Path aside = moveAside(dir);
            LOG.error("the data copy in {} is damaged ({}); moved it to {} and starting empty: this node resyncs "
                    + "from the slot leaders and the sessions", dir, e.getMessage(), aside);
            OpenedStore fresh = load(dir, slotCount, guard, started);
            LoadReport report = new LoadReport(dir, 0, 0, 0, fresh.report().tookMillis(), e.getMessage(), aside);
            return new OpenedStore(fresh.store(), report, fresh::close, fresh.properties());
        }
    }

    private static OpenedStore load(Path dir, int slotCount, SlotGuard guard, long started) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new DataDirException("cannot create the data directory " + dir + " (roster.data-dir): " + e, e);
        }
        Options options = new Options().setCreateIfMissing(true).setParanoidChecks(true)
                .setInfoLogLevel(InfoLogLevel.WARN_LEVEL).setKeepLogFileNum(2);
        RocksDB db;
        try {
            db = RocksDB.open(options, dir.toString());
        } catch (RocksDBException e) {
            options.close();
            if (isCorruption(e)) {
                throw new DamagedCopyException("opening it failed: " + e.getMessage(), e);
            }
            throw new DataDirException("cannot open the data copy in " + dir + ": " + e.getMessage()
                    + (String.valueOf(e.getMessage()).contains("lock") ? " (is another data node using this directory?)" : ""), e);
        }
        RocksPersistence persistence = new RocksPersistence(db, dir);
        RocksProperties properties = new RocksProperties(db);
        AutoCloseable resources = () -> {
            properties.closing();
            close(db, options, persistence, dir);
        };
        try {
            checkFormat(db, dir, slotCount);
            InMemorySlotStore store = new InMemorySlotStore(persistence, guard);
            CopyLoader loader = new CopyLoader(new SlotFunction(slotCount), store);
            loader.load(db);
            long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            LoadReport report = new LoadReport(dir, loader.slots(), loader.datums(), loader.publishers(), took, null, null);
            LOG.info("{}", report);
            return new OpenedStore(store, report, resources, properties);
        } catch (RuntimeException e) {
            closeQuietly(resources);
            throw e;
        }
    }

    /** An empty copy gets the format record; an existing one must carry it, for this slot count. */
    private static void checkFormat(RocksDB db, Path dir, int slotCount) {
        String expected = FORMAT + " slots=" + slotCount;
        try {
            byte[] found = db.get(StoreKeys.FORMAT_KEY);
            if (found == null) {
                if (!isEmpty(db)) {
                    throw new DamagedCopyException("it holds records but no format record", null);
                }
                db.put(StoreKeys.FORMAT_KEY, expected.getBytes(StandardCharsets.UTF_8));
                return;
            }
            String format = new String(found, StandardCharsets.UTF_8);
            if (format.startsWith(FORMAT + " slots=") && !format.equals(expected)) {
                throw new DataDirException("the data copy in " + dir + " was written with "
                        + format.substring(FORMAT.length() + 1).replace("slots=", "cluster.slots=") + ", but this node runs "
                        + "with cluster.slots=" + slotCount + "; the slot count is fixed when a cluster is created: "
                        + "fix cluster.slots, or move the directory away to start this node empty", null);
            }
            if (!format.equals(expected)) {
                throw new DataDirException("the data copy in " + dir + " has the unknown format '" + format
                        + "' (this version writes '" + expected + "')", null);
            }
        } catch (RocksDBException e) {
            if (isCorruption(e)) {
                throw new DamagedCopyException("reading its format record failed: " + e.getMessage(), e);
            }
            throw new DataDirException("cannot read the data copy in " + dir + ": " + e.getMessage(), e);
        }
    }

    private static boolean isEmpty(RocksDB db) {
        try (var it = db.newIterator()) {
            it.seekToFirst();
            return !it.isValid();
        }
    }

    private static boolean isCorruption(RocksDBException e) {
        Status s = e.getStatus();
        return s != null && s.getCode() == Status.Code.Corruption;
    }

    private static Path moveAside(Path dir) {
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS"));
        Path aside = dir.resolveSibling(dir.getFileName() + ".damaged-" + stamp);
        try {
            return Files.move(dir, aside);
        } catch (IOException e) {
            throw new DataDirException("the data copy in " + dir + " is damaged and could not be moved aside to " + aside
                    + ": " + e + "; move or delete it to start this node empty", e);
        }
    }

    /**
     * Stops writes, flushes the memtable so the next start reads SST files rather than replaying the log, then
     * closes.
     */
    private static void close(RocksDB db, Options options, RocksPersistence persistence, Path dir) {
        persistence.close();
        try (FlushOptions flush = new FlushOptions().setWaitForFlush(true)) {
            db.flush(flush);
        } catch (RocksDBException e) {
            LOG.warn("flushing {} at close failed: {}", dir, e.getMessage());
        }
        db.close();
        options.close();
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            LOG.warn("closing a store that failed to load failed: {}", e.toString());
        }
    }
}
