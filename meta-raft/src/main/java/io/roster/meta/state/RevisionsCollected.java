package io.roster.meta.state;

import java.util.List;

/**
 * Revisions no session reported in use for a grace period were collected: they leave the live catalog (the
 * interface-to-application pairs they added stay). A digest not live any more is skipped.
 */
public final class RevisionsCollected implements MetaRecord {
    private final List<String> digests;

    public RevisionsCollected(List<String> digests) {
        this.digests = List.copyOf(digests);
    }

    public List<String> digests() {
        return digests == null ? List.of() : digests;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RevisionsCollected r && digests().equals(r.digests());
    }

    @Override
    public int hashCode() {
        return digests().hashCode();
    }

    @Override
    public String toString() {
        return "RevisionsCollected{" + digests() + "}";
    }
}
