package io.roster.common.wire;

/**
 * Session (or CLI) to the meta leader: the revision catalog's changes since {@code sinceVersion} (0: all of it).
 * Answered with a {@link RevisionCatalogReply}. A session asks when a heartbeat reply's
 * {@link HeartbeatReply#revisionsVersion()} is above its catalog's version.
 */
public final class RevisionCatalogRequest {
    private final long sinceVersion;

    public RevisionCatalogRequest(long sinceVersion) {
        this.sinceVersion = sinceVersion;
    }

    public long sinceVersion() {
        return sinceVersion;
    }

    @Override
    public String toString() {
        return "RevisionCatalogRequest{since " + sinceVersion + "}";
    }
}
