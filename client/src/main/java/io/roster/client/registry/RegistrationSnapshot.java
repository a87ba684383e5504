package io.roster.client.registry;

import io.roster.common.app.Revision;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Every live registration at one instant: what a new session connection must be given. */
public record RegistrationSnapshot(List<PublisherRecord> publishers, List<SubscriptionRecord> subscribers) {
    public RegistrationSnapshot {
        publishers = List.copyOf(publishers);
        subscribers = List.copyOf(subscribers);
    }

    public int size() {
        return publishers.size() + subscribers.size();
    }

    /** The revisions the application publishers need, each once (by digest). */
    public List<Revision> revisions() {
        Map<String, Revision> byDigest = new LinkedHashMap<>();
        for (PublisherRecord p : publishers) {
            if (p.revision() != null) {
                byDigest.putIfAbsent(p.revision().digest(), p.revision());
            }
        }
        return List.copyOf(byDigest.values());
    }
}
