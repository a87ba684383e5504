package io.roster.common.wire;

import io.roster.common.model.InvalidInputException;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;
import java.util.zip.ZipException;

/**
 * The compressed form of a keyed push's entries and removed keys, as {@link PushDeflate} is for plain items: zlib at
 * level 1 over the entry count, each entry (key, order, item count, each item's length and bytes), then the removed
 * keys. Inflating is bounded the same way, so a corrupt or hostile payload cannot exhaust a client.
 */
public final class PushEntriesDeflate {
    /** What an item, entry or key costs a client beyond its bytes, counted against the bound. */
    private static final int OVERHEAD = 16;

    /** The entries and removed keys of a keyed push. */
    public record Entries(List<PushEntry> entries, List<String> removedKeys) {
    }

    private PushEntriesDeflate() {
    }

    public static byte[] deflate(List<PushEntry> entries, List<String> removedKeys) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Deflater deflater = new Deflater(Deflater.BEST_SPEED);
        try (DataOutputStream out = new DataOutputStream(new DeflaterOutputStream(bytes, deflater))) {
            out.writeInt(entries.size());
            for (PushEntry e : entries) {
                out.writeUTF(e.key());
                out.writeLong(e.order());
                out.writeInt(e.items().size());
                for (byte[] item : e.items()) {
                    out.writeInt(item.length);
                    out.write(item);
                }
            }
            out.writeInt(removedKeys.size());
            for (String key : removedKeys) {
                out.writeUTF(key);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // in-memory streams do not fail
        } finally {
            deflater.end();
        }
        return bytes.toByteArray();
    }

    /**
     * The entries and removed keys of {@code deflated}; throws {@link InvalidInputException} naming the problem when
     * it is not a payload made by {@link #deflate} or it adds up to more than {@code maxBytes}.
     */
    public static Entries inflate(byte[] deflated, long maxBytes) {
        Inflater inflater = new Inflater();
        try (DataInputStream in = new DataInputStream(new InflaterInputStream(new ByteArrayInputStream(deflated), inflater))) {
            Budget budget = new Budget(maxBytes);
            int count = budget.count(in.readInt());
            List<PushEntry> entries = new ArrayList<>(Math.min(count, 1024));
            for (int i = 0; i < count; i++) {
                String key = budget.key(in.readUTF());
                long order = in.readLong();
                int itemCount = budget.count(in.readInt());
                List<byte[]> items = new ArrayList<>(Math.min(itemCount, 64));
                for (int j = 0; j < itemCount; j++) {
                    byte[] item = new byte[budget.item(in.readInt())];
                    in.readFully(item);
                    items.add(item);
                }
                entries.add(new PushEntry(key, order, items));
            }
            int removedCount = budget.count(in.readInt());
            List<String> removed = new ArrayList<>(Math.min(removedCount, 1024));
            for (int i = 0; i < removedCount; i++) {
                removed.add(budget.key(in.readUTF()));
            }
            if (in.read() != -1) {
                throw new InvalidInputException("compressed push entries have bytes after their end");
            }
            return new Entries(entries, removed);
        } catch (EOFException e) {
            throw new InvalidInputException("compressed push entries are truncated");
        } catch (ZipException e) {
            throw new InvalidInputException("compressed push entries are corrupt: " + e.getMessage());
        } catch (IOException e) {
            throw new InvalidInputException("compressed push entries cannot be read: " + e);
        } finally {
            inflater.end();
        }
    }

    /** What inflating may still take before it passes the bound. */
    private static final class Budget {
        private final long maxBytes;
        private long used;

        Budget(long maxBytes) {
            this.maxBytes = maxBytes;
        }

        int count(int count) {
            if (count < 0 || count > (maxBytes - used) / OVERHEAD + 1) {
                throw new InvalidInputException("compressed push entries claim " + count + " parts: larger than "
                        + maxBytes + " bytes");
            }
            return count;
        }

        int item(int length) {
            spend(Math.max(0, length));
            if (length < 0) {
                throw new InvalidInputException("compressed push entries hold an item of length " + length);
            }
            return length;
        }

        String key(String key) {
            spend(key.length() * 2L);
            return key;
        }

        private void spend(long bytes) {
            used += bytes + OVERHEAD;
            if (used > maxBytes) {
                throw new InvalidInputException("compressed push entries are larger than " + maxBytes + " bytes");
            }
        }
    }
}
