package io.roster.common.wire;

import io.roster.common.model.*;

import java.util.List;

/**
 * Data node to session: a datum, or why it cannot be read now. Whole (the only form an old node sends), or, answering
 * a read {@link GetDatumRequest#sinceVersion since} a version, a delta (appended fields): {@code datum} then carries
 * only the dataInfoId and the current version, {@code changed} the publishers written since {@code baseVersion} and
 * still present (as they are now), {@code removed} the registerIds removed since and absent now, and
 * {@code publisherCount} how many publishers the current version holds, for the reader to check what it built.
 */
public final class DatumReply extends Reply {
    private final Datum datum;
    private final long baseVersion;
    private final List<Publisher> changed;
    private final List<String> removed;
    private final int publisherCount;

    public DatumReply(ErrorCode code, String message, Datum datum) {
        this(code, message, datum, 0, null, null, 0);
    }

    private DatumReply(ErrorCode code, String message, Datum datum, long baseVersion, List<Publisher> changed,
                       List<String> removed, int publisherCount) {
        super(code, message);
        this.datum = datum;
        this.baseVersion = baseVersion;
        this.changed = changed;
        this.removed = removed;
        this.publisherCount = publisherCount;
    }

    /** The changes from {@code baseVersion} (> 0) to {@code version}, which holds {@code publisherCount} publishers. */
    public static DatumReply delta(String dataInfoId, long version, long baseVersion, List<Publisher> changed,
                                   List<String> removed, int publisherCount) {
        return new DatumReply(ErrorCode.OK, "", new Datum(dataInfoId, version, List.of()), baseVersion,
                List.copyOf(changed), List.copyOf(removed), publisherCount);
    }

    /** The whole datum, or in a delta only its dataInfoId and current version. */
    public Datum datum() {
        return datum;
    }

    public boolean isDelta() {
        return baseVersion != 0;
    }

    /** The version a delta applies to; 0 for a whole datum. */
    public long baseVersion() {
        return baseVersion;
    }

    public List<Publisher> changed() {
        return changed == null ? List.of() : changed;
    }

    public List<String> removed() {
        return removed == null ? List.of() : removed;
    }

    /** The publishers of the current version; in a whole reply, those of {@code datum}. */
    public int publisherCount() {
        return isDelta() || datum == null ? publisherCount : datum.publishers().size();
    }
}
