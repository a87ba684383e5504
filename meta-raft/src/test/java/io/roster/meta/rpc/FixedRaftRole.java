package io.roster.meta.rpc;

import io.roster.meta.raft.RaftRole;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/** A {@link RaftRole} that says what the test tells it: whether it leads, who leads, the peers, how a ReadIndex ends. */
record FixedRaftRole(boolean isLeader, String leaderAddress, List<String> peers,
                     Supplier<CompletableFuture<Void>> readIndexResult) implements RaftRole {
    @Override
    public CompletableFuture<Void> readIndex() {
        return readIndexResult.get();
    }
}
