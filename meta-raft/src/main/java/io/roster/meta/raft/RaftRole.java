package io.roster.meta.raft;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/** What this meta node knows of its Raft group's leadership, for replies and the admin API. */
public interface RaftRole {
    boolean isLeader();

    /** The leader's host:port, or "" when unknown (an election is running). */
    String leaderAddress();

    /** The group's voting members, host:port. */
    List<String> peers();

    /**
     * Completes once a read of the local state would be linearizable: Raft confirmed that this node leads and it has
     * applied everything committed before the call. Fails when it cannot confirm (deposed, partitioned, stopping).
     */
    CompletableFuture<Void> readIndex();
}
