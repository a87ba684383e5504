package io.roster.client.registry;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One subscription and the last version its listener got. The version gate (ARCHITECTURE.md invariant 2) lives here so that
 * it survives reconnects: a replayed subscription keeps its last version, and the pushes a new session sends at once
 * are delivered only when newer.
 */
public final class SubscriptionRecord {
    /** Receives the record's data: the application's listener, which the client adapts to this. */
    @FunctionalInterface
    public interface Listener {
        /** As {@code io.roster.client.SubscriptionListener#onData}: the whole current data, newer than the last call. */
        void onData(String dataInfoId, List<byte[]> data, long version);

        /** Whether this listener wants {@link #onChange} (the changes by publisher) instead of {@link #onData}. */
        default boolean wantsChanges() {
            return false;
        }

        /**
         * The whole current data, plus the items of each publisher (by registerId) added or replaced and the
         * registerIds removed since the last call; only for listeners that {@link #wantsChanges()}.
         */
        default void onChange(String dataInfoId, List<byte[]> data, Map<String, List<byte[]>> addedOrReplaced,
                              Set<String> removed, long version) {
            onData(dataInfoId, data, version);
        }
    }

    /** Below every real version, so that a first push of version 0 ("nothing published") is delivered. */
    static final long NOTHING_DELIVERED = -1;

    private final String registerId;
    private final String dataInfoId;
    private final Listener listener;
    /** Only the interface-level publishers (an application-level consumer resolves application instances itself). */
    private final boolean interfaceOnly;
    private long lastDelivered = NOTHING_DELIVERED;

    public SubscriptionRecord(String registerId, String dataInfoId, Listener listener) {
        this(registerId, dataInfoId, listener, false);
    }

    public SubscriptionRecord(String registerId, String dataInfoId, Listener listener, boolean interfaceOnly) {
        this.registerId = registerId;
        this.dataInfoId = dataInfoId;
        this.listener = listener;
        this.interfaceOnly = interfaceOnly;
    }

    public boolean interfaceOnly() {
        return interfaceOnly;
    }

    public String registerId() {
        return registerId;
    }

    public String dataInfoId() {
        return dataInfoId;
    }

    public Listener listener() {
        return listener;
    }

    /** Moves the gate to {@code version} and returns true if it is newer than everything delivered so far. */
    public synchronized boolean advanceTo(long version) {
        if (version <= lastDelivered) {
            return false;
        }
        lastDelivered = version;
        return true;
    }

    public synchronized long lastDelivered() {
        return lastDelivered;
    }

    @Override
    public String toString() {
        return "subscriber " + registerId + " of " + dataInfoId;
    }
}
