package io.roster.client.registry;

import java.util.List;

/** Every live registration at one instant: what a new session connection must be given. */
public record RegistrationSnapshot(List<PublisherRecord> publishers, List<SubscriptionRecord> subscribers) {
    public RegistrationSnapshot {
        publishers = List.copyOf(publishers);
        subscribers = List.copyOf(subscribers);
    }

    public int size() {
        return publishers.size() + subscribers.size();
    }
}
