package io.roster.common.wire;

import io.roster.common.app.InterfaceProviders;
import io.roster.common.app.Revision;
import io.roster.common.app.RevisionCatalog;

import java.util.List;

/**
 * Meta leader to session: the catalog at {@code version} as a change from the version asked for: the revisions
 * registered since, the digests of every live revision (so collected ones can be dropped), and the
 * interface-to-applications pairs remembered since (all of them when asked from 0). NOT_LEADER names the leader.
 */
public final class RevisionCatalogReply extends Reply {
    private final String leaderAddress;
    private final long version;
    private final List<Revision> added;
    private final List<String> liveDigests;
    private final List<InterfaceProviders> pairsAdded;

    public RevisionCatalogReply(ErrorCode code, String message, String leaderAddress) {
        this(code, message, leaderAddress, 0, List.of(), List.of(), List.of());
    }

    public RevisionCatalogReply(ErrorCode code, String message, String leaderAddress, long version, List<Revision> added,
                                List<String> liveDigests, List<InterfaceProviders> pairsAdded) {
        super(code, message);
        this.leaderAddress = leaderAddress;
        this.version = version;
        this.added = List.copyOf(added);
        this.liveDigests = List.copyOf(liveDigests);
        this.pairsAdded = List.copyOf(pairsAdded);
    }

    public String leaderAddress() {
        return leaderAddress;
    }

    public long version() {
        return version;
    }

    public List<Revision> added() {
        return added == null ? List.of() : added;
    }

    public List<String> liveDigests() {
        return liveDigests == null ? List.of() : liveDigests;
    }

    public List<InterfaceProviders> pairsAdded() {
        return pairsAdded == null ? List.of() : pairsAdded;
    }

    /** {@code catalog} moved forward by this reply (unchanged when the reply is not newer). */
    public RevisionCatalog applyTo(RevisionCatalog catalog) {
        return catalog.advance(version, added(), liveDigests(), pairsAdded());
    }
}
