package io.roster.datastore.store;

import io.roster.common.model.ProcessId;
import io.roster.common.model.Publisher;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The rule of {@link SlotStore#syncSession} for one datum, apart from locking and versions. */
final class SessionSync {
    private SessionSync() {
    }

    /**
     * The publishers of one datum after {@code session} declared {@code listed} as all it owns there as of
     * {@code snapshotStamp}.
     */
    static List<Publisher> reconcile(List<Publisher> current, ProcessId session, long snapshotStamp, List<Publisher> listed) {
        Set<String> listedIds = new HashSet<>();
        listed.forEach(p -> listedIds.add(p.registerId()));
        // What the session owns here and no longer lists goes, unless it was registered after the snapshot.
        List<Publisher> next = current.stream()
                .filter(p -> !p.sessionProcessId().equals(session) || p.registerTimestamp() > snapshotStamp
                        || listedIds.contains(p.registerId()))
                .toList();
        Set<String> done = new HashSet<>();
        for (Publisher p : listed) {
            if (!done.add(p.registerId())) {
                continue;
            }
            int at = PublisherOrder.indexOf(next, p.registerId());
            if (at >= 0 && !CopyPrecedence.replaces(p, next.get(at))) {
                continue;
            }
            next = PublisherOrder.with(next, at, p);
        }
        return next;
    }
}
