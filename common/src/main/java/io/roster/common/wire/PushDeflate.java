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
 * The compressed form of a push's data items: a count, then each item's length and bytes, through zlib deflate
 * (java.util.zip, level 1: a session compresses every large push once per round, and service addresses compress
 * well even at the fastest level). Inflating is bounded, so a corrupt or hostile payload cannot exhaust a client.
 */
public final class PushDeflate {
    /** What an item costs a client beyond its bytes (array header, list slot), counted against the bound. */
    private static final int ITEM_OVERHEAD = 16;
    private PushDeflate() {
    }

    public static byte[] deflate(List<byte[]> items) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Deflater deflater = new Deflater(Deflater.BEST_SPEED);
        try (DataOutputStream out = new DataOutputStream(new DeflaterOutputStream(bytes, deflater))) {
            out.writeInt(items.size());
            for (byte[] item : items) {
                out.writeInt(item.length);
                out.write(item);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // in-memory streams do not fail
        } finally {
            deflater.end();
        }
        return bytes.toByteArray();
    }

    /**
     * The items of {@code deflated}; throws {@link InvalidInputException} naming the problem when it is not a
     * payload made by {@link #deflate} or its items add up to more than {@code maxBytes}.
     */
    public static List<byte[]> inflate(byte[] deflated, long maxBytes) {
        Inflater inflater = new Inflater();
        try (DataInputStream in = new DataInputStream(new InflaterInputStream(new ByteArrayInputStream(deflated), inflater))) {
            int count = in.readInt();
            if (count < 0 || count > maxBytes / ITEM_OVERHEAD + 1) {
                throw new InvalidInputException("compressed push data claims " + count + " items: larger than " + maxBytes
                        + " bytes");
            }
            List<byte[]> items = new ArrayList<>(Math.min(count, 1024));
            long total = 0;
            for (int i = 0; i < count; i++) {
                int length = in.readInt();
                total += (long) Math.max(0, length) + ITEM_OVERHEAD; // long: an int sum overflowed past the bound; empty items cost memory too
                if (length < 0 || total > maxBytes) {
                    throw new InvalidInputException("compressed push data is larger than " + maxBytes + " bytes");
                }
                byte[] item = new byte[length];
                in.readFully(item);
                items.add(item);
            }
            if (in.read() != -1) {
                throw new InvalidInputException("compressed push data has bytes after its " + count + " items");
            }
            return items;
        } catch (EOFException e) {
            throw new InvalidInputException("compressed push data is truncated");
        } catch (ZipException e) {
            throw new InvalidInputException("compressed push data is corrupt: " + e.getMessage());
        } catch (IOException e) {
            throw new InvalidInputException("compressed push data cannot be read: " + e);
        } finally {
            inflater.end();
        }
    }
}
