package io.roster.common.wire;

/** A session's publishers in one slot, summarised: an order-free hash of (dataInfoId, registerId, version) and a count. */
public final class SlotDigest {
    private final int slotId;
    private final long hash;
    private final int count;

    public SlotDigest(int slotId, long hash, int count) {
        this.slotId = slotId;
        this.hash = hash;
        this.count = count;
    }

    public int slotId() {
        return slotId;
    }

    public long hash() {
        return hash;
    }

    public int count() {
        return count;
    }

    @Override
    public String toString() {
        return "SlotDigest{" + "slotId=" + slotId + ", " + "hash=" + hash + ", " + "count=" + count + "}";
    }
}
