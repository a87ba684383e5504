package io.roster.datastore.store;

import io.roster.common.model.ProcessId;
import io.roster.common.model.Publisher;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The rule of {@link SlotStore#syncSession} for one datum, apart from locking and versions. */
final class SessionSync {
    private SessionSync() {
    }

    /**
     * Edits one datum's publishers as {@code session} declared {@code listed} all it owns there as of
     * {@code snapshotStamp}.
     */
    static void reconcile(DatumEdit edit, ProcessId session, long snapshotStamp, List<Publisher> listed) {
        Set<String> listedIds = new HashSet<>();
        listed.forEach(p -> listedIds.add(p.registerId()));
        // What the session owns here and no longer lists goes, unless it was registered after the snapshot.
        List<String> gone = new ArrayList<>();
        edit.before().publishers.forEach(p -> {
            if (p.sessionProcessId().equals(session) && p.registerTimestamp() <= snapshotStamp
                    && !listedIds.contains(p.registerId())) {
                gone.add(p.registerId());
            }
        });
        gone.forEach(edit::remove);
        Set<String> done = new HashSet<>();
        for (Publisher p : listed) {
            if (!done.add(p.registerId())) {
                continue;
            }
            Publisher held = edit.held(p.registerId());
            if (held == null || CopyPrecedence.replaces(p, held)) {
                edit.put(p);
            }
        }
    }
}
