package io.roster.datastore.store.rocks;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The key layout of a data node's RocksDB, ordered so that a slot is one contiguous range and a datum's keys follow
 * its header:
 * <pre>
 *   [slot: 4 bytes big-endian][dataInfoId UTF-8][0x00]               -> datum version (8 bytes big-endian)
 *   [slot: 4 bytes big-endian][dataInfoId UTF-8][0x00][registerId]   -> the publisher (protostuff)
 *   [0xFF 0xFF 0xFF 0xFF]["collected"][slot: 4 bytes big-endian]     -> the slot's floor of collected versions (8 bytes)
 *   [0xFF 0xFF 0xFF 0xFF]["format"]                                  -> "roster-data 1 slots=N" (UTF-8)
 * </pre>
 * A 0x00 separator is safe because validated dataInfoIds hold no control characters, and it sorts before every
 * other byte, so the datum "a" and all its publishers come before the datum "ab". Slot numbers are non-negative,
 * so the 0xFF.. prefix of the format and collected records sorts after every slot, and dropping a slot's range keeps
 * its floor of collected versions.
 */
final class StoreKeys {
    static final byte SEPARATOR = 0;
    static final byte[] FORMAT_KEY = concat(new byte[]{-1, -1, -1, -1}, "format".getBytes(StandardCharsets.UTF_8));
    private static final byte[] COLLECTED_PREFIX = concat(new byte[]{-1, -1, -1, -1}, "collected".getBytes(StandardCharsets.UTF_8));

    private StoreKeys() {
    }

    static byte[] slotStart(int slot) {
        return ByteBuffer.allocate(4).putInt(slot).array();
    }

    /** The first key past every key of {@code slot}. */
    static byte[] slotEnd(int slot) {
        return slotStart(slot + 1);
    }

    static byte[] datumKey(int slot, String dataInfoId) {
        byte[] id = dataInfoId.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(4 + id.length + 1).putInt(slot).put(id).put(SEPARATOR).array();
    }

    static byte[] publisherKey(int slot, String dataInfoId, String registerId) {
        return concat(datumKey(slot, dataInfoId), registerId.getBytes(StandardCharsets.UTF_8));
    }

    static byte[] version(long version) {
        return ByteBuffer.allocate(8).putLong(version).array();
    }

    /** One key taken apart; {@code registerId} is null for a datum header. */
    record Parsed(int slot, String dataInfoId, String registerId) {
        boolean isHeader() {
            return registerId == null;
        }
    }

    /** Parses a slot key, or throws {@link IllegalArgumentException} saying what is wrong with it. */
    static Parsed parse(byte[] key) {
        if (key.length < 6) {
            throw new IllegalArgumentException("key of " + key.length + " bytes is too short");
        }
        int slot = ByteBuffer.wrap(key, 0, 4).getInt();
        if (slot < 0) {
            throw new IllegalArgumentException("key names slot " + slot);
        }
        int sep = -1;
        for (int i = 4; i < key.length; i++) {
            if (key[i] == SEPARATOR) {
                sep = i;
                break;
            }
        }
        if (sep <= 4) {
            throw new IllegalArgumentException("key in slot " + slot + " has no dataInfoId");
        }
        String dataInfoId = new String(key, 4, sep - 4, StandardCharsets.UTF_8);
        String registerId = sep == key.length - 1 ? null : new String(key, sep + 1, key.length - sep - 1, StandardCharsets.UTF_8);
        return new Parsed(slot, dataInfoId, registerId);
    }

    static long parseVersion(byte[] value) {
        if (value.length != 8) {
            throw new IllegalArgumentException("datum version of " + value.length + " bytes, not 8");
        }
        return ByteBuffer.wrap(value).getLong();
    }

    static byte[] collectedKey(int slot) {
        return concat(COLLECTED_PREFIX, slotStart(slot));
    }

    static boolean isCollectedKey(byte[] key) {
        return key.length == COLLECTED_PREFIX.length + 4
                && Arrays.equals(key, 0, COLLECTED_PREFIX.length, COLLECTED_PREFIX, 0, COLLECTED_PREFIX.length);
    }

    /** The slot a {@link #collectedKey} names. */
    static int collectedSlot(byte[] key) {
        return ByteBuffer.wrap(key, COLLECTED_PREFIX.length, 4).getInt();
    }

    static boolean isFormatKey(byte[] key) {
        return Arrays.equals(key, FORMAT_KEY);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
