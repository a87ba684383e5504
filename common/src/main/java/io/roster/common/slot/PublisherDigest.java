package io.roster.common.slot;

import io.roster.common.model.Publisher;
import io.roster.common.wire.SlotDigest;


/**
 * The order-free digest of a set of publishers that sessions and data leaders compare to find what differs: a sum
 * of 64-bit hashes of (dataInfoId, registerId, version), plus a count. Both sides compute it the same way, so equal
 * sets give equal digests whatever order they are held in; a sum (not XOR) keeps a duplicated entry visible.
 */
public final class PublisherDigest {
    private long hash;
    private int count;

    public void add(Publisher p) {
        hash += hashOf(p);
        count++;
    }

    /**
     * Adds {@code p}, whose dataInfoId's hash state is {@code prefix} ({@link #prefixOf}): a pass over a datum's
     * publishers hashes the dataInfoId once instead of once per publisher. Same result as {@link #add(Publisher)}.
     */
    public void add(long prefix, Publisher p) {
        hash += hashOf(prefix, p.registerId(), p.version());
        count++;
    }

    /** What {@code p} adds to a digest's hash: a holder of many digests can keep them by adding and subtracting it. */
    public static long hashOf(Publisher p) {
        return hashOf(p.dataInfoId(), p.registerId(), p.version());
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

    /**
     * 64-bit FNV-1a over the UTF-16 chars of both ids (no encoding, no allocation: a promotion hashes every publisher
     * of its slots), then the version, finished with murmur3's fmix64. Nothing stores these hashes; both sides only
     * need to compute them the same way.
     */
    static long hashOf(String dataInfoId, String registerId, long version) {
        return hashOf(prefixOf(dataInfoId), registerId, version);
    }

    /** The hash state after {@code dataInfoId} and the separator, shared by every publisher of that datum. */
    public static long prefixOf(String dataInfoId) {
        long h = fnv(0xcbf29ce484222325L, dataInfoId);
        return (h ^ 0x10000) * 0x100000001b3L; // separator, above every char: ("ab","c") and ("a","bc") hash apart
    }

    private static long hashOf(long prefix, String registerId, long version) {
        long h = fnv(prefix, registerId);
        for (int i = 0; i < 8; i++) {
            h = (h ^ ((version >>> (8 * i)) & 0xff)) * 0x100000001b3L;
        }
        return fmix64(h);
    }

    private static long fnv(long h, String s) {
        for (int i = 0, n = s.length(); i < n; i++) {
            h = (h ^ s.charAt(i)) * 0x100000001b3L;
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
