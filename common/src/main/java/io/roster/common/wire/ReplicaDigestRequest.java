package io.roster.common.wire;

/** Follower to slot leader: the digest of the leader's copy of a slot. */
public final class ReplicaDigestRequest {
    private final int slotId;
    private final long leaderEpoch;
    private final String followerAddress;

    public ReplicaDigestRequest(int slotId, long leaderEpoch, String followerAddress) {
        this.slotId = slotId;
        this.leaderEpoch = leaderEpoch;
        this.followerAddress = followerAddress;
    }

    public int slotId() {
        return slotId;
    }

    /** The leaderEpoch the follower's table gives the slot; a leader at another epoch refuses. */
    public long leaderEpoch() {
        return leaderEpoch;
    }

    public String followerAddress() {
        return followerAddress;
    }

    @Override
    public String toString() {
        return "ReplicaDigestRequest{" + "slotId=" + slotId + ", " + "leaderEpoch=" + leaderEpoch + ", " + "followerAddress=" + followerAddress + "}";
    }
}
