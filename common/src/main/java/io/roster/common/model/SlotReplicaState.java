package io.roster.common.model;

import java.util.Objects;

/**
 * A data node's report, in its heartbeat, on one slot it holds in its current table. {@code leaderEpoch} names the
 * leadership the report is about: a follower that caught up with one leader has not caught up with the next.
 * Meta lets a joining node lead a slot only once its follower copy reports {@code caughtUp}. Fields may only be
 * appended.
 */
public final class SlotReplicaState {
    private final int slotId;
    private final long leaderEpoch;
    private final ReplicaRole role;
    private final boolean caughtUp;

    public SlotReplicaState(int slotId, long leaderEpoch, ReplicaRole role, boolean caughtUp) {
        this.slotId = slotId;
        this.leaderEpoch = leaderEpoch;
        this.role = Objects.requireNonNull(role, "role");
        this.caughtUp = caughtUp;
    }

    public int slotId() {
        return slotId;
    }

    public long leaderEpoch() {
        return leaderEpoch;
    }

    public ReplicaRole role() {
        return role;
    }

    /** A leader is always caught up; a follower once its copy holds everything its leader had. */
    public boolean caughtUp() {
        return caughtUp;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SlotReplicaState s && slotId() == s.slotId() && leaderEpoch() == s.leaderEpoch()
                && role() == s.role() && caughtUp() == s.caughtUp();
    }

    @Override
    public int hashCode() {
        return Objects.hash(slotId(), leaderEpoch(), role(), caughtUp());
    }

    @Override
    public String toString() {
        return "SlotReplicaState{slot=" + slotId + " leaderEpoch=" + leaderEpoch + " " + role + (caughtUp ? " caught up" : " catching up") + "}";
    }
}
