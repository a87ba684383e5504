package io.roster.datastore.migration;

import io.roster.common.model.Datum;
import io.roster.common.model.ProcessId;
import io.roster.common.model.Publisher;
import io.roster.common.slot.PublisherDigest;

import java.util.HashMap;
import java.util.Map;

/** The digest of each session process's publishers in one slot's datums, computed as the session computes its own. */
public final class SessionDigests {
    private SessionDigests() {
    }

    public static Map<ProcessId, PublisherDigest> bySession(Iterable<Datum> datums) {
        Map<ProcessId, PublisherDigest> out = new HashMap<>();
        for (Datum d : datums) {
            for (Publisher p : d.publishers()) {
                out.computeIfAbsent(p.sessionProcessId(), s -> new PublisherDigest()).add(p);
            }
        }
        return out;
    }

    /** The digest of one session's publishers in the datums (empty digest when it has none). */
    public static PublisherDigest of(Iterable<Datum> datums, ProcessId session) {
        PublisherDigest digest = new PublisherDigest();
        for (Datum d : datums) {
            for (Publisher p : d.publishers()) {
                if (p.sessionProcessId().equals(session)) {
                    digest.add(p);
                }
            }
        }
        return digest;
    }
}
