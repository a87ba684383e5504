package io.roster.common.wire;

import java.util.List;

/** Slot leader to follower: every datum of the slot, tombstones not yet collected included, as (dataInfoId, version, count). */
public final class ReplicaDigestReply extends Reply {
    private final List<DatumDigest> datums;

    public ReplicaDigestReply(ErrorCode code, String message, List<DatumDigest> datums) {
        super(code, message);
        this.datums = datums == null ? List.of() : List.copyOf(datums);
    }

    public List<DatumDigest> datums() {
        return datums == null ? List.of() : datums;
    }
}
