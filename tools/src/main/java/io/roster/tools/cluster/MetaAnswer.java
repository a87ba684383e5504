package io.roster.tools.cluster;

import io.roster.common.wire.ClusterStatusReply;

/**
 * What one meta node said when asked for the cluster status directly (no redirect followed).
 *
 * @param reply the reply when {@code state} is LEADER, else null
 * @param detail the leader it names, the error, or ""
 */
public record MetaAnswer(String address, State state, String leader, ClusterStatusReply reply, String detail) {
    public enum State {
        /** answered OK: it leads and serves heartbeats */
        LEADER,
        /** NOT_LEADER naming a leader: it is in the group and hears the leader */
        FOLLOWER,
        /** NOT_LEADER without a leader, or UNAVAILABLE while a new leader catches up */
        ELECTING,
        /** no answer */
        DOWN
    }

    /** In the group with a leader: it leads, or it follows a known leader. */
    public boolean inGroup() {
        return state == State.LEADER || state == State.FOLLOWER;
    }

    public String describe() {
        return switch (state) {
            case LEADER -> "leader";
            case FOLLOWER -> "follower of " + leader;
            case ELECTING -> "no leader yet (" + detail + ")";
            case DOWN -> "not answering";
        };
    }
}
