package io.roster.session.reconcile;

import io.roster.common.model.Publisher;
import io.roster.common.slot.PublisherDigest;
import io.roster.common.wire.SlotDigest;
import io.roster.session.registry.SlotIndex;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * This session's publishers in some slots, grouped by the slot their dataInfoId hashes to, read from the registry's
 * {@link SlotIndex}. Immutable. A data leader compares {@link #digest} with its copy of the same set (both sides use
 * {@link PublisherDigest}, so equal sets give equal digests in any order) and asks for {@link #in} when they differ.
 */
public final class SlotPublishers {
    private final Map<Integer, List<Publisher>> bySlot;
    /** The running digests of the {@link SlotIndex}, read with the lists. */
    private final Map<Integer, SlotDigest> digests;

    private SlotPublishers(Map<Integer, List<Publisher>> bySlot, Map<Integer, SlotDigest> digests) {
        this.bySlot = bySlot;
        this.digests = digests;
    }

    /** The slots asked, from the registry's index: no pass over the whole registry. */
    public static SlotPublishers of(SlotIndex index, Collection<Integer> slotIds) {
        Map<Integer, List<Publisher>> lists = new LinkedHashMap<>();
        Map<Integer, SlotDigest> digests = new LinkedHashMap<>();
        for (int id : slotIds) {
            lists.put(id, index.in(id));
            digests.put(id, index.digest(id));
        }
        return new SlotPublishers(Collections.unmodifiableMap(lists), Collections.unmodifiableMap(digests));
    }

    /** The digests of the slots asked, in that order, from the index's running digests: no list is read or copied. */
    public static List<SlotDigest> digestsOf(SlotIndex index, Collection<Integer> slotIds) {
        List<SlotDigest> out = new ArrayList<>(slotIds.size());
        slotIds.forEach(id -> out.add(index.digest(id)));
        return List.copyOf(out);
    }

    /** The slots covered, in the order asked. */
    public Set<Integer> slotIds() {
        return bySlot.keySet();
    }

    /** The publishers in {@code slotId}; empty for a slot with none or one not covered. */
    public List<Publisher> in(int slotId) {
        return bySlot.getOrDefault(slotId, List.of());
    }

    /** Every publisher covered, slot by slot. */
    public List<Publisher> all() {
        List<Publisher> out = new ArrayList<>();
        bySlot.values().forEach(out::addAll);
        return List.copyOf(out);
    }

    /** The digest of {@code slotId} (hash 0, count 0 when it holds none or is not covered). */
    public SlotDigest digest(int slotId) {
        return digests.getOrDefault(slotId, new SlotDigest(slotId, 0, 0));
    }

    /** One digest per slot covered, in the order asked. */
    public List<SlotDigest> digests() {
        return slotIds().stream().map(this::digest).toList();
    }
}
