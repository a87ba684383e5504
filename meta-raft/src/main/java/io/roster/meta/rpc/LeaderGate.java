package io.roster.meta.rpc;

import io.roster.meta.leader.LeaderLoop;
import io.roster.meta.raft.RaftRole;

/**
 * Decides whether this meta node may answer for the cluster, and if not, what to tell the caller: the leader's
 * address (NOT_LEADER), or "retry shortly" when this node was just elected and is still applying earlier entries.
 * {@link #open()} is this node's own belief; an answer built from its state also needs {@link RaftRole#readIndex()}.
 */
final class LeaderGate {
    private final RaftRole role;
    private final LeaderLoop leaderLoop;

    LeaderGate(RaftRole role, LeaderLoop leaderLoop) {
        this.role = role;
        this.leaderLoop = leaderLoop;
    }

    boolean open() {
        return leaderLoop.isActive() && role.isLeader();
    }

    /** True when this node is leader but not ready yet, so a redirect would point at itself. */
    boolean starting() {
        return role.isLeader() && !leaderLoop.isActive();
    }

    String leaderAddress() {
        return role.leaderAddress();
    }

    String notLeaderMessage() {
        String leader = role.leaderAddress();
        return leader.isEmpty() ? "this meta node does not lead and no leader is known (election in progress); retry"
                : "this meta node does not lead; the leader is " + leader;
    }

    /** Where to send a caller when Raft did not confirm this node's leadership: nowhere while it still believes it leads. */
    String unconfirmedLeaderAddress() {
        return role.isLeader() ? "" : role.leaderAddress();
    }

    static String unconfirmedMessage(String why) {
        return "this meta node could not confirm through Raft that it still leads (" + why
                + "); ask the other meta servers";
    }

    static String startingMessage() {
        return "this meta node was just elected and is catching up with the log; retry shortly";
    }
}
