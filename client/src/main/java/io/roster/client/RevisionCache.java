package io.roster.client;

import io.roster.common.app.AppInstance;
import io.roster.common.app.Revision;
import io.roster.common.model.InvalidInputException;
import io.roster.common.model.RegistryLimits;
import io.roster.common.wire.RevisionQuery;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The revisions the client's held application instances use, by digest, shared by every interface subscription.
 * A digest is kept while an instance held uses it; one not known yet waits in {@code missing} until a
 * {@link RevisionQuery} brings it (the session may not know a revision registered through another session yet, so
 * missing ones are asked for again later). Not thread-safe: guarded by the {@link AppRouting}.
 */
final class RevisionCache {
    private final RegistryLimits limits;
    private final Map<String, Revision> known = new HashMap<>();
    private final Map<String, Integer> uses = new HashMap<>();
    private final Set<String> missing = new LinkedHashSet<>();
    /** Missing digests not yet through an answered query: lists wait for them rather than change twice. */
    private final Set<String> unasked = new HashSet<>();
    private List<String> asking;

    RevisionCache(RegistryLimits limits) {
        this.limits = limits;
    }

    Revision get(String digest) {
        return known.get(digest);
    }

    int size() {
        return known.size();
    }

    /** An application's instances went from {@code before} to {@code after}: counts their digests' uses. */
    void replaced(List<AppInstance> before, List<AppInstance> after) {
        for (AppInstance i : after) {
            if (uses.merge(i.revision(), 1, Integer::sum) == 1 && !known.containsKey(i.revision())) {
                missing.add(i.revision());
                unasked.add(i.revision());
            }
        }
        for (AppInstance i : before) {
            if (uses.merge(i.revision(), -1, Integer::sum) <= 0) {
                uses.remove(i.revision());
                known.remove(i.revision());
                missing.remove(i.revision());
                unasked.remove(i.revision());
            }
        }
    }

    /** The digests to ask for now, or null when none is missing or a query is out already. */
    List<String> startQuery() {
        if (asking != null || missing.isEmpty()) {
            return null;
        }
        List<String> digests = new ArrayList<>();
        asking = digests;
        for (String d : missing) {
            if (digests.size() == RevisionQuery.MAX_DIGESTS) {
                break;
            }
            digests.add(d);
        }
        return digests;
    }

    /**
     * The query ended with {@code revisions} (empty when it failed); returns the applications that got a revision.
     * A revision whose content does not match its digest is left out.
     */
    Set<String> answered(List<Revision> revisions) {
        if (asking != null) {
            asking.forEach(unasked::remove);
        }
        asking = null;
        Set<String> apps = new HashSet<>();
        for (Revision r : revisions) {
            if (r == null || !missing.contains(r.digest())) {
                continue;
            }
            try {
                r.check(limits);
            } catch (InvalidInputException e) {
                continue;
            }
            missing.remove(r.digest());
            known.put(r.digest(), r);
            apps.add(r.app());
        }
        return apps;
    }

    /**
     * Whether {@code digest} is being asked for the first time: an instance using it is not left out yet, the
     * list waits for the answer (one round trip) so that it does not change twice.
     */
    boolean firstAnswerPending(String digest) {
        return unasked.contains(digest);
    }

    /** Whether a missing digest was never asked for (it came while another query was out). */
    boolean hasUnasked() {
        return !unasked.isEmpty();
    }

    boolean hasMissing() {
        return !missing.isEmpty();
    }
}
