package io.roster.datastore.store.rocks;

import io.roster.common.model.Datum;
import io.roster.common.model.Publisher;
import io.roster.common.rpc.Protostuff;
import io.roster.common.slot.SlotFunction;
import io.roster.datastore.store.InMemorySlotStore;
import io.roster.datastore.store.PublisherOrder;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads a node's whole copy back into memory and checks every record on the way: RocksDB's block checksums, then
 * that each key parses, sits in the slot its dataInfoId hashes to, follows its datum's header, and decodes to the
 * publisher it names. Anything else is {@link DamagedCopyException}: a copy is loaded whole or not at all.
 */
final class CopyLoader {
    private final SlotFunction slotFunction;
    private final InMemorySlotStore into;
    private final Set<Integer> slots = new HashSet<>();
    private long datums;
    private long publishers;

    private StoreKeys.Parsed header;
    private long headerVersion;
    private final List<Publisher> pending = new ArrayList<>();

    CopyLoader(SlotFunction slotFunction, InMemorySlotStore into) {
        this.slotFunction = slotFunction;
        this.into = into;
    }

    void load(RocksDB db) {
        try (ReadOptions options = new ReadOptions().setVerifyChecksums(true).setFillCache(false);
             RocksIterator it = db.newIterator(options)) {
            for (it.seekToFirst(); it.isValid(); it.next()) {
                record(it.key(), it.value());
            }
            it.status();
        } catch (RocksDBException e) {
            throw new DamagedCopyException("reading it back failed: " + e.getMessage(), e);
        }
        finish();
    }

    /** Takes one record, in key order; the whole of a copy's decoding, apart from reading it (CopyLoaderFuzzTest). */
    void record(byte[] key, byte[] value) {
        if (StoreKeys.isCollectedKey(key)) {
            takeCollectedHigh(key, value);
        } else if (!StoreKeys.isFormatKey(key)) {
            take(key, value);
        }
    }

    /** After the last record: the last datum read is complete. */
    void finish() {
        finishDatum();
    }

    private void takeCollectedHigh(byte[] key, byte[] value) {
        int slot = StoreKeys.collectedSlot(key);
        long high;
        try {
            high = StoreKeys.parseVersion(value);
        } catch (IllegalArgumentException e) {
            throw new DamagedCopyException("collected versions of slot " + slot + ": " + e.getMessage(), e);
        }
        if (slot < 0 || slot >= slotFunction.slotCount() || high <= 0) {
            throw new DamagedCopyException("collected versions record of slot " + slot + " holds " + high, null);
        }
        into.restoreCollectedHigh(slot, high);
    }

    private void take(byte[] key, byte[] value) {
        StoreKeys.Parsed parsed;
        try {
            parsed = StoreKeys.parse(key);
        } catch (IllegalArgumentException e) {
            throw new DamagedCopyException("unreadable key: " + e.getMessage(), e);
        }
        if (parsed.slot() >= slotFunction.slotCount() || slotFunction.slotOf(parsed.dataInfoId()) != parsed.slot()) {
            throw new DamagedCopyException(parsed.dataInfoId() + " is stored under slot " + parsed.slot()
                    + " but hashes to slot " + slotFunction.slotOf(parsed.dataInfoId()), null);
        }
        if (parsed.isHeader()) {
            finishDatum();
            header = parsed;
            try {
                headerVersion = StoreKeys.parseVersion(value);
            } catch (IllegalArgumentException e) {
                throw new DamagedCopyException("datum " + parsed.dataInfoId() + ": " + e.getMessage(), e);
            }
            return;
        }
        if (header == null || header.slot() != parsed.slot() || !header.dataInfoId().equals(parsed.dataInfoId())) {
            throw new DamagedCopyException("publisher " + parsed.registerId() + " of " + parsed.dataInfoId()
                    + " has no datum header", null);
        }
        Publisher p;
        try {
            p = Protostuff.decode(value, Publisher.class);
        } catch (RuntimeException e) {
            throw new DamagedCopyException("publisher " + parsed.registerId() + " of " + parsed.dataInfoId() + ": "
                    + e.getMessage(), e);
        }
        if (p.clientId() == null || p.appName() == null || p.zone() == null || p.sessionProcessId() == null) {
            // found by CopyLoaderFuzzTest: such a publisher failed restoring with a NullPointerException
            throw new DamagedCopyException("publisher " + parsed.registerId() + " of " + parsed.dataInfoId()
                    + " lacks its client, app, zone or session", null);
        }
        if (!parsed.registerId().equals(p.registerId()) || !parsed.dataInfoId().equals(p.dataInfoId())) {
            throw new DamagedCopyException("the record under " + parsed.dataInfoId() + "/" + parsed.registerId()
                    + " holds " + p.dataInfoId() + "/" + p.registerId(), null);
        }
        pending.add(p);
    }

    private void finishDatum() {
        if (header == null) {
            return;
        }
        if (headerVersion <= 0) {
            throw new DamagedCopyException("datum " + header.dataInfoId() + " has version " + headerVersion, null);
        }
        pending.sort(PublisherOrder.ORDER);
        into.restore(header.slot(), new Datum(header.dataInfoId(), headerVersion, pending));
        slots.add(header.slot());
        if (!pending.isEmpty()) {
            datums++; // as SlotStore.datumCount(): tombstones are not counted
        }
        publishers += pending.size();
        pending.clear();
        header = null;
    }

    int slots() {
        return slots.size();
    }

    long datums() {
        return datums;
    }

    long publishers() {
        return publishers;
    }

    /** The copy on disk cannot be trusted; the message says where and why. */
    static final class DamagedCopyException extends RuntimeException {
        DamagedCopyException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
