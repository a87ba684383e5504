package io.roster.client;

import java.util.List;

/**
 * A {@link SubscriptionListener} that also wants to know what changed, by publisher. It keeps the listener contract:
 * {@code data} is always the whole current list (in the datum's order: publishers by registration), never a version
 * lower than one delivered before; {@code change} says which publishers were added, replaced or removed since the
 * last call. Delivery is the same as for any listener: a listener that is slow gets the latest list, and the change
 * then covers everything since the list it got before.
 */
@FunctionalInterface
public interface DeltaSubscriptionListener extends SubscriptionListener {
    void onChange(String dataInfoId, List<byte[]> data, DataChange change, long version);

    /** Called when the change is unknown (the list came without publisher identities); passes it on as such. */
    @Override
    default void onData(String dataInfoId, List<byte[]> data, long version) {
        onChange(dataInfoId, data, DataChange.unknown(), version);
    }
}
