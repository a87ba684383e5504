package io.roster.client;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What changed in a subscribed dataInfoId since the list a {@link DeltaSubscriptionListener} was handed last, by
 * publisher: the items of each publisher (by its registerId) added or replaced, and the registerIds removed. On the
 * first call of a subscription every publisher counts as added. {@link #known()} is false when the session sent the
 * list without publisher identities (a session without delta push, or a client built with
 * {@code deltaPush(false)}): then only the whole list is known, and both maps are empty.
 */
public record DataChange(boolean known, Map<String, List<byte[]>> addedOrReplaced, Set<String> removed) {
    private static final DataChange UNKNOWN = new DataChange(false, Map.of(), Set.of());

    public DataChange {
        addedOrReplaced = Map.copyOf(addedOrReplaced);
        removed = Set.copyOf(removed);
    }

    /** The change of a list that came without publisher identities. */
    public static DataChange unknown() {
        return UNKNOWN;
    }
}
