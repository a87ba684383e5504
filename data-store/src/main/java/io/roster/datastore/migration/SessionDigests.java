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

    /**
     * One pass over every publisher of the datums (a promotion's own digests): each datum's dataInfoId is hashed once,
     * and consecutive publishers of one session share a map lookup.
     */
    public static Map<ProcessId, PublisherDigest> bySession(Iterable<Datum> datums) {
        Map<ProcessId, PublisherDigest> out = new HashMap<>();
        ProcessId lastOwner = null;
        PublisherDigest last = null;
        for (Datum d : datums) {
            long prefix = PublisherDigest.prefixOf(d.dataInfoId());
            for (Publisher p : d.publishers()) {
                ProcessId owner = p.sessionProcessId();
                if (!owner.equals(lastOwner)) {
                    last = out.computeIfAbsent(owner, s -> new PublisherDigest());
                    lastOwner = owner;
                }
                if (p.dataInfoId().equals(d.dataInfoId())) {
                    last.add(prefix, p);
                } else {
                    last.add(p); // never in a store's datum; hashed in full rather than trusted
                }
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
