package io.roster.meta.state;

import io.roster.common.app.Revision;
import io.roster.common.app.RevisionDigest;

import java.util.Objects;

/**
 * A revision was registered. Idempotent by digest: registering a digest already live changes nothing. Its content
 * was checked against its digest and the limits by the leader before it was proposed.
 */
public final class RevisionRegistered implements MetaRecord {
    private final Revision revision;

    public RevisionRegistered(Revision revision) {
        this.revision = Objects.requireNonNull(revision, "revision");
    }

    public Revision revision() {
        return revision;
    }

    @Override
    public void check() {
        if (revision == null || !RevisionDigest.isWellFormed(revision.digest()) || revision.app() == null
                || revision.interfaces().stream().anyMatch(s -> s == null || s.dataInfoId() == null)) {
            // the interfaces: found by MetaCodecFuzzTest (a spec without its id failed building the catalog)
            throw new IllegalArgumentException("revision record without a well-formed revision: " + revision);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RevisionRegistered r && Objects.equals(revision, r.revision);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(revision);
    }

    @Override
    public String toString() {
        return "RevisionRegistered{" + revision + "}";
    }
}
