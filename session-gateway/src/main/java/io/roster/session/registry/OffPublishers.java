package io.roster.session.registry;

import io.roster.common.model.Publisher;

import java.util.Collection;
import java.util.Map;

/**
 * The client-off side of {@link ClientRegistry}'s publishers (docs/ARCHITECTURE.md, Session: incident levers): which
 * are held here off (not at data, left out of the slot index), and setting them off or back on for
 * {@link LeverSweep}. Shares the registry's maps; every change goes through the same per-registerId compute.
 */
public final class OffPublishers {
    private final Map<String, PublisherEntry> publishers;
    private final SlotIndex bySlot;
    private final PublisherChanges publisherChanges;

    OffPublishers(Map<String, PublisherEntry> publishers, SlotIndex bySlot, PublisherChanges publisherChanges) {
        this.publishers = publishers;
        this.bySlot = bySlot;
        this.publisherChanges = publisherChanges;
    }

    /** True while {@code registerId} is held here off (client-off): not at data. */
    public boolean isOff(String registerId) {
        PublisherEntry e = publishers.get(registerId);
        return e != null && e.off();
    }

    /** The publishers with the connection each came over and whether it is off, for {@link LeverSweep}. */
    Collection<PublisherEntry> entries() {
        return publishers.values();
    }

    /** Sets {@code e} off, or on as {@code restamped}, if still stored as it was; false if it changed meanwhile. */
    boolean setOff(PublisherEntry e, boolean off, Publisher restamped) {
        boolean[] done = new boolean[1];
        publishers.computeIfPresent(e.publisher().registerId(), (id, current) -> {
            if (current != e) {
                return current;
            }
            PublisherEntry neu = new PublisherEntry(off ? e.publisher() : restamped, e.connection(), off);
            bySlot.replaced(PublisherEntry.active(e), PublisherEntry.active(neu));
            publisherChanges.changed(e.publisher(), neu.publisher()); // the same publisher when set off: no change
            done[0] = true;
            return neu;
        });
        return done[0];
    }
}
