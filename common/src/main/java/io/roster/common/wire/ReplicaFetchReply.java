package io.roster.common.wire;

import io.roster.common.model.*;

import java.util.List;

/** Slot leader to follower: the datums asked for (a datum never written comes back absent, version 0). */
public final class ReplicaFetchReply extends Reply {
    private final List<Datum> datums;

    public ReplicaFetchReply(ErrorCode code, String message, List<Datum> datums) {
        super(code, message);
        this.datums = datums == null ? List.of() : List.copyOf(datums);
    }

    public List<Datum> datums() {
        return datums == null ? List.of() : datums;
    }
}
