package io.roster.meta.state;

import io.roster.common.app.Revision;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * The stored form of the revision catalog inside a {@link MetaState} snapshot: the catalog's version, each live
 * revision with the log index that registered it, and each remembered interface-to-application pair with the log
 * index that added it (the stamps a "what changed since version N" answer is read from). Protostuff: fields may
 * only be appended.
 */
public final class RevisionsState {
    private final long version;
    private final List<StampedRevision> revisions;
    private final List<StampedPair> pairs;

    public RevisionsState(long version, List<StampedRevision> revisions, List<StampedPair> pairs) {
        this.version = version;
        this.revisions = revisions.stream().sorted(Comparator.comparing(r -> r.revision().digest())).toList();
        this.pairs = pairs.stream().sorted(Comparator.comparing(StampedPair::interfaceId).thenComparing(StampedPair::app))
                .toList();
    }

    public long version() {
        return version;
    }

    public List<StampedRevision> revisions() {
        return revisions == null ? List.of() : revisions;
    }

    public List<StampedPair> pairs() {
        return pairs == null ? List.of() : pairs;
    }

    /** Nothing registered ever: a snapshot then stores no revision section at all (as before revisions existed). */
    public boolean isEmpty() {
        return version == 0 && revisions().isEmpty() && pairs().isEmpty();
    }

    RevisionsState normalized() {
        return new RevisionsState(version, revisions(), pairs());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RevisionsState s && version == s.version && revisions().equals(s.revisions())
                && pairs().equals(s.pairs());
    }

    @Override
    public int hashCode() {
        return Objects.hash(version, revisions(), pairs());
    }

    @Override
    public String toString() {
        return "revisions at " + version + ": " + revisions().size() + " live, " + pairs().size() + " pairs";
    }

    /** A live revision and the log index of the entry that registered it. */
    public static final class StampedRevision {
        private final Revision revision;
        private final long index;

        public StampedRevision(Revision revision, long index) {
            this.revision = Objects.requireNonNull(revision, "revision");
            this.index = index;
        }

        public Revision revision() {
            return revision;
        }

        public long index() {
            return index;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof StampedRevision s && index == s.index && revision.equals(s.revision);
        }

        @Override
        public int hashCode() {
            return Objects.hash(revision, index);
        }
    }

    /** An interface-to-application pair and the log index of the entry that added it. */
    public static final class StampedPair {
        private final String interfaceId;
        private final String app;
        private final long index;

        public StampedPair(String interfaceId, String app, long index) {
            this.interfaceId = Objects.requireNonNull(interfaceId, "interfaceId");
            this.app = Objects.requireNonNull(app, "app");
            this.index = index;
        }

        public String interfaceId() {
            return interfaceId;
        }

        public String app() {
            return app;
        }

        public long index() {
            return index;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof StampedPair s && index == s.index && interfaceId.equals(s.interfaceId) && app.equals(s.app);
        }

        @Override
        public int hashCode() {
            return Objects.hash(interfaceId, app, index);
        }
    }
}
