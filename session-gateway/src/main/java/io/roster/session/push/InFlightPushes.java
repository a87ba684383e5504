package io.roster.session.push;

import io.roster.session.registry.ConnectionHandle;
import io.roster.session.registry.SubscriberRecord;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The pushes awaiting a client's ack: at most one per connection and dataInfoId, and how many of each dataInfoId,
 * so "is a push of it under way" costs no pass over them all. Part of the {@link PushPlan}, not thread-safe.
 */
final class InFlightPushes {
    private final Map<Key, InFlight> pushes = new HashMap<>();
    private final Map<String, Integer> perDataInfoId = new HashMap<>();

    private record Key(ConnectionHandle connection, String dataInfoId) {
    }

    /** A push awaiting its ack; {@code again}: a newer round wanted this connection meanwhile. */
    static final class InFlight {
        final List<SubscriberRecord> subscribers;
        final long version;
        final int attempt;
        final long since;
        boolean again;

        InFlight(List<SubscriberRecord> subscribers, long version, int attempt, long since) {
            this.subscribers = subscribers;
            this.version = version;
            this.attempt = attempt;
            this.since = since;
        }
    }

    /** The push of {@code dataInfoId} awaiting {@code connection}'s ack, or null. */
    InFlight get(ConnectionHandle connection, String dataInfoId) {
        return pushes.get(new Key(connection, dataInfoId));
    }

    void add(ConnectionHandle connection, String dataInfoId, InFlight push) {
        pushes.put(new Key(connection, dataInfoId), push);
        perDataInfoId.merge(dataInfoId, 1, Integer::sum);
    }

    /** The push of {@code dataInfoId} to {@code connection} ended: takes it off, and returns it (null if none was). */
    InFlight remove(ConnectionHandle connection, String dataInfoId) {
        InFlight push = pushes.remove(new Key(connection, dataInfoId));
        if (push != null) {
            perDataInfoId.computeIfPresent(dataInfoId, (id, n) -> n > 1 ? n - 1 : null);
        }
        return push;
    }

    /** Whether a push of {@code dataInfoId} awaits an ack on any connection. */
    boolean any(String dataInfoId) {
        return perDataInfoId.containsKey(dataInfoId);
    }
}
