package io.roster.session.catalog;

import io.roster.common.app.AppIds;
import io.roster.common.app.AppInstance;
import io.roster.common.model.InvalidInputException;
import io.roster.common.model.Publisher;
import io.roster.session.registry.PublisherChanges;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The revisions this session's application instances serve, reported to meta in every heartbeat
 * ({@code HeartbeatRequest.revisionsInUse}) so that meta does not collect them. Kept as a count of app-instance
 * publishers per digest, moved by every change of a stored publisher, so a heartbeat reads the keys instead of
 * scanning every publisher each interval.
 */
public final class RevisionsInUse implements PublisherChanges {
    private final Map<String, Integer> publishersByDigest = new ConcurrentHashMap<>();

    @Override
    public void changed(Publisher old, Publisher neu) {
        String before = digestOf(old);
        String after = digestOf(neu);
        if (before != null && before.equals(after)) {
            return;
        }
        if (after != null) {
            publishersByDigest.merge(after, 1, Integer::sum);
        }
        if (before != null) {
            publishersByDigest.merge(before, -1, (a, b) -> a + b <= 0 ? null : a + b);
        }
    }

    /** The distinct digests served by app-instance publishers held now. */
    public List<String> digests() {
        return List.copyOf(publishersByDigest.keySet());
    }

    /** The app-instance publishers held now that serve {@code digest}. */
    public int publishersOf(String digest) {
        return publishersByDigest.getOrDefault(digest, 0);
    }

    /** The revision an app-instance publisher serves; null for any other publisher. */
    private static String digestOf(Publisher p) {
        if (p == null || !AppIds.isAppDatum(p.dataInfoId()) || p.data().size() != 1) {
            return null;
        }
        try {
            return AppInstance.decode(p.data().get(0)).revision();
        } catch (InvalidInputException e) {
            return null; // never stored: publishes to an application datum are checked first (AppPublishCheck)
        }
    }
}
