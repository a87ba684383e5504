package io.roster.common.wire;

import io.roster.common.model.*;

import java.util.List;

/** Slot leader to follower: these datums are now exactly as given (whole datums, tombstones included), in the leader's order. */
public final class ReplicaPush {
    private final int slotId;
    private final long leaderEpoch;
    private final String leaderAddress;
    private final List<Datum> datums;

    public ReplicaPush(int slotId, long leaderEpoch, String leaderAddress, List<Datum> datums) {
        this.slotId = slotId;
        this.leaderEpoch = leaderEpoch;
        this.leaderAddress = leaderAddress;
        this.datums = datums == null ? List.of() : List.copyOf(datums);
    }

    public int slotId() {
        return slotId;
    }

    /** The leaderEpoch of the sending leader; a follower takes pushes only from the leader its table names. */
    public long leaderEpoch() {
        return leaderEpoch;
    }

    public String leaderAddress() {
        return leaderAddress;
    }

    public List<Datum> datums() {
        return datums == null ? List.of() : datums;
    }

    @Override
    public String toString() {
        return "ReplicaPush{" + "slotId=" + slotId + ", " + "leaderEpoch=" + leaderEpoch + ", " + "leaderAddress=" + leaderAddress + ", " + "datums=" + datums().size() + "}";
    }
}
