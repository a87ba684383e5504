package io.roster.session.push;

import io.roster.common.model.Datum;

/** Reads the current datum of a dataInfoId from its slot leader; throws when it cannot. */
public interface DatumReader {
    Datum read(String dataInfoId);

    /**
     * The delta read that built {@code datum} (this very object, the last one read of its dataInfoId) from the version
     * read before it, or null when it was read whole or is not known: lets a push round cost the change.
     */
    default ReadDelta deltaOf(Datum datum) {
        return null;
    }

    /**
     * The version of {@code dataInfoId} last read here when that read found it empty, or -1 (not held, or not empty):
     * an absent datum's version may rise at data with nothing to push (data answers it with its slot's floor).
     */
    default long heldEmptyVersion(String dataInfoId) {
        return -1;
    }
}
