package io.roster.common.wire;

import java.util.List;

/** Follower to slot leader: the whole datums a digest comparison found different. */
public final class ReplicaFetchRequest {
    private final int slotId;
    private final long leaderEpoch;
    private final List<String> dataInfoIds;

    public ReplicaFetchRequest(int slotId, long leaderEpoch, List<String> dataInfoIds) {
        this.slotId = slotId;
        this.leaderEpoch = leaderEpoch;
        this.dataInfoIds = dataInfoIds == null ? List.of() : List.copyOf(dataInfoIds);
    }

    public int slotId() {
        return slotId;
    }

    public long leaderEpoch() {
        return leaderEpoch;
    }

    public List<String> dataInfoIds() {
        return dataInfoIds == null ? List.of() : dataInfoIds;
    }

    @Override
    public String toString() {
        return "ReplicaFetchRequest{" + "slotId=" + slotId + ", " + "leaderEpoch=" + leaderEpoch + ", " + "dataInfoIds=" + dataInfoIds().size() + "}";
    }
}
