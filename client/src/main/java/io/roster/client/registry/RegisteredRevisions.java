package io.roster.client.registry;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which revisions the current session connection was given, by digest, so that an application instance registers
 * its revision once per connection rather than once per publish. A session drops nothing of a revision when a
 * connection ends, but a new connection may be to another session, which may not know it yet: each connection
 * generation starts with none, and its replay registers those the live publishers need.
 */
public final class RegisteredRevisions {
    private final Map<String, Long> generationByDigest = new ConcurrentHashMap<>();

    public boolean isRegistered(String digest, long connectionGeneration) {
        Long on = generationByDigest.get(digest);
        return on != null && on == connectionGeneration;
    }

    public void registered(String digest, long connectionGeneration) {
        generationByDigest.merge(digest, connectionGeneration, Math::max);
    }
}
