package io.roster.session.registry;

import io.roster.common.model.Publisher;
import io.roster.common.slot.PublisherDigest;
import io.roster.common.slot.SlotFunction;
import io.roster.common.wire.SlotDigest;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The registry's publishers by slot, with each slot's {@link PublisherDigest} kept up to date on every change: the
 * digest is a sum of per-publisher hashes, so a change adds one hash and takes one away. A data leader's digest
 * query then costs O(slots asked) and a publishers query O(publishers in those slots), instead of a pass over the
 * whole registry; with 100,000 publishers that pass was most of a follower promotion.
 *
 * <p>Updated by {@link ClientRegistry} inside the compute of the registration it changes, so the index never
 * disagrees with the registry for longer than that one call. A digest read while writes are in flight may mix
 * them; a mismatch it shows only costs a slot sync.
 */
public final class SlotIndex {
    private final SlotFunction slots;
    private final Map<String, Publisher>[] bySlot;
    private final AtomicLongArray hash;
    private final AtomicIntegerArray count;

    @SuppressWarnings("unchecked")
    public SlotIndex(SlotFunction slots) {
        this.slots = slots;
        this.bySlot = new Map[slots.slotCount()];
        for (int i = 0; i < bySlot.length; i++) {
            bySlot[i] = new ConcurrentHashMap<>();
        }
        this.hash = new AtomicLongArray(slots.slotCount());
        this.count = new AtomicIntegerArray(slots.slotCount());
    }

    public SlotFunction slotFunction() {
        return slots;
    }

    /** {@code before} (null if none) was replaced by {@code after} (null if removed) under one registerId. */
    void replaced(Publisher before, Publisher after) {
        if (before == after) {
            return;
        }
        if (before != null) {
            int slot = slots.slotOf(before.dataInfoId());
            bySlot[slot].remove(before.registerId(), before);
            hash.addAndGet(slot, -PublisherDigest.hashOf(before));
            count.decrementAndGet(slot);
        }
        if (after != null) {
            int slot = slots.slotOf(after.dataInfoId());
            bySlot[slot].put(after.registerId(), after);
            hash.addAndGet(slot, PublisherDigest.hashOf(after));
            count.incrementAndGet(slot);
        }
    }

    /** The publishers held in {@code slot} now. */
    public List<Publisher> in(int slot) {
        return List.copyOf(bySlot[slot].values());
    }

    public SlotDigest digest(int slot) {
        return new SlotDigest(slot, hash.get(slot), count.get(slot));
    }
}
