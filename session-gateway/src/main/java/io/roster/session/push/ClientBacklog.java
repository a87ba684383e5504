package io.roster.session.push;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One client connection's pushes awaiting an ack, capped, and the dataInfoIds that wanted a push while it was at the
 * cap. A deferred dataInfoId is kept once, whatever the number of changes: it is pushed at its latest version.
 * Part of the {@link PushPlan}, so not thread-safe.
 */
final class ClientBacklog {
    private int pending;
    private final Set<String> deferred = new LinkedHashSet<>();

    /** Takes a place for a push of {@code dataInfoId}; false (and deferred) when {@code max} are pending already. */
    boolean tryStart(String dataInfoId, int max) {
        if (pending >= max) {
            deferred.add(dataInfoId);
            return false;
        }
        pending++;
        deferred.remove(dataInfoId);
        return true;
    }

    /** Whether {@code dataInfoId} waits here for a place. */
    boolean defers(String dataInfoId) {
        return deferred.contains(dataInfoId);
    }

    /** A push ended (acked or not); returns the deferred dataInfoIds to push now, as many as places are free. */
    List<String> finish(int max) {
        pending = Math.max(0, pending - 1);
        return takeFree(max);
    }

    /**
     * Takes deferred dataInfoIds, as many as there are free places under {@code max}. Called again after the
     * rounds of those ids, so a round that sent nothing (its subscribers left, or already had that version) passes
     * its place on instead of leaving the rest waiting.
     */
    List<String> takeFree(int max) {
        List<String> next = new ArrayList<>();
        Iterator<String> it = deferred.iterator();
        while (it.hasNext() && pending + next.size() < max) {
            next.add(it.next());
            it.remove();
        }
        return next;
    }
}
