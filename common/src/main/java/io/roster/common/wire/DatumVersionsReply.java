package io.roster.common.wire;

import java.util.List;

/**
 * Slot leader to session: the version (and publisher count) of each datum asked that this node serves now; datums
 * in slots it does not lead in ACCEPT are left out, to be asked of their leader next time.
 */
public final class DatumVersionsReply extends Reply {
    private final List<DatumDigest> datums;

    public DatumVersionsReply(ErrorCode code, String message, List<DatumDigest> datums) {
        super(code, message);
        this.datums = datums == null ? List.of() : List.copyOf(datums);
    }

    public List<DatumDigest> datums() {
        return datums == null ? List.of() : datums;
    }
}
