package io.roster.common.slot;

import io.roster.common.model.Publisher;
import io.roster.common.wire.SlotDigest;

import java.nio.charset.StandardCharsets;

/**
 * The order-free digest of a set of publishers that sessions and data leaders compare to find what differs: a sum
 * of 64-bit hashes of (dataInfoId, registerId, version), plus a count. Both sides compute it the same way, so equal
 * sets give equal digests whatever order they are held in; a sum (not XOR) keeps a duplicated entry visible.
 */
public final class PublisherDigest {
    private long hash;
    private int count;

    public void add(Publisher p) {
        hash += hashOf(p.dataInfoId(), p.registerId(), p.version());
        count++;
    }

    public long hash() {
        return hash;
    }

    public int count() {
        return count;
    }

    public SlotDigest toSlotDigest(int slotId) {
        return new SlotDigest(slotId, hash, count);
    }

    public boolean matches(SlotDigest other) {
        return other != null && other.hash() == hash && other.count() == count;
    }

    /** 64-bit FNV-1a over the UTF-8 of both ids, then the version, finished with murmur3's fmix64. */
    static long hashOf(String dataInfoId, String registerId, long version) {
        long h = 0xcbf29ce484222325L;
        h = fnv(h, dataInfoId.getBytes(StandardCharsets.UTF_8));
        h = (h ^ 0xff) * 0x100000001b3L; // separator: ("ab","c") and ("a","bc") hash apart
        h = fnv(h, registerId.getBytes(StandardCharsets.UTF_8));
        for (int i = 0; i < 8; i++) {
            h = (h ^ ((version >>> (8 * i)) & 0xff)) * 0x100000001b3L;
        }
        return fmix64(h);
    }

    private static long fnv(long h, byte[] bytes) {
        for (byte b : bytes) {
            h = (h ^ (b & 0xff)) * 0x100000001b3L;
        }
        return h;
    }

    private static long fmix64(long k) {
        k ^= k >>> 33;
        k *= 0xff51afd7ed558ccdL;
        k ^= k >>> 33;
        k *= 0xc4ceb9fe1a85ec53L;
        k ^= k >>> 33;
        return k;
    }
}
