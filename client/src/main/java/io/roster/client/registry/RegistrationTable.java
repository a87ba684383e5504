package io.roster.client.registry;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The client's live registrations by registerId: the local source of truth that is replayed on every new session
 * connection. Reads are lock-free (the push dispatcher looks subscribers up); callers serialize changes with the
 * session link so that a change and a replay snapshot never interleave.
 */
public final class RegistrationTable {
    private final Map<String, PublisherRecord> publishers = new ConcurrentHashMap<>();
    private final Map<String, SubscriptionRecord> subscribers = new ConcurrentHashMap<>();

    public void putPublisher(PublisherRecord record) {
        publishers.put(record.registerId(), record);
    }

    /** Puts {@code replacement} back only if {@code expected} is still the current record (undo of a rejected change). */
    public void replacePublisher(PublisherRecord expected, PublisherRecord replacement) {
        if (replacement == null) {
            publishers.remove(expected.registerId(), expected);
        } else {
            publishers.replace(expected.registerId(), expected, replacement);
        }
    }

    public void removePublisher(String registerId) {
        publishers.remove(registerId);
    }

    public PublisherRecord publisher(String registerId) {
        return publishers.get(registerId);
    }

    public void putSubscriber(SubscriptionRecord record) {
        subscribers.put(record.registerId(), record);
    }

    /** Removes the subscriber only if {@code record} is still the one filed under its registerId. */
    public void removeSubscriber(SubscriptionRecord record) {
        subscribers.remove(record.registerId(), record);
    }

    public SubscriptionRecord subscriber(String registerId) {
        return subscribers.get(registerId);
    }

    public RegistrationSnapshot snapshot() {
        return new RegistrationSnapshot(publishers.values().stream().toList(), subscribers.values().stream().toList());
    }
}
