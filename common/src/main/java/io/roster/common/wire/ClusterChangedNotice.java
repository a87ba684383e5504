package io.roster.common.wire;

/** Meta leader to data and session nodes, oneway: the slot table changed; heartbeat now instead of at the next tick. */
public final class ClusterChangedNotice {
    private final long epoch;

    public ClusterChangedNotice(long epoch) {
        this.epoch = epoch;
    }

    public long epoch() {
        return epoch;
    }

    @Override
    public String toString() {
        return "ClusterChangedNotice{" + "epoch=" + epoch + "}";
    }
}
