package io.roster.meta.raft;

import java.util.List;

/** What this meta node knows of its Raft group's leadership, for replies and the admin API. */
public interface RaftRole {
    boolean isLeader();

    /** The leader's host:port, or "" when unknown (an election is running). */
    String leaderAddress();

    /** The group's voting members, host:port. */
    List<String> peers();
}
