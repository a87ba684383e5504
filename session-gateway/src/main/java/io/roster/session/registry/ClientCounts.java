package io.roster.session.registry;

import io.roster.common.model.Publisher;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * clientId -> its publishers plus subscribers on this session (session.max-registrations-per-client), moved by
 * {@link ClientRegistry} inside the computes that change its registrations.
 */
final class ClientCounts {
    private final Map<String, Integer> byClient = new ConcurrentHashMap<>();

    /** {@code p}'s client holds {@code delta} more; nothing when p is null. */
    void add(Publisher p, int delta) {
        if (p != null) {
            add(p.clientId(), delta);
        }
    }

    void add(String clientId, int delta) {
        byClient.merge(clientId, delta, (a, b) -> a + b == 0 ? null : a + b);
    }

    int of(String clientId) {
        return byClient.getOrDefault(clientId, 0);
    }
}
