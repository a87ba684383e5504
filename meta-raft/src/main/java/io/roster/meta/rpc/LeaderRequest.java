package io.roster.meta.rpc;

import io.roster.common.rpc.ReplyException;
import io.roster.common.wire.ErrorCode;
import io.roster.meta.image.MetaImage;
import io.roster.meta.leader.LeaderLoop;
import io.roster.meta.raft.ProposalFailedException;
import io.roster.meta.raft.RaftRole;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * What every handler that answers only on the leader shares: the Raft role, the leader loop and the applied image,
 * and the steps it takes the same way: decide whether this meta node may answer
 * for the cluster, and if not what to tell the caller (the leader's address with NOT_LEADER, or "retry shortly"
 * while it was just elected and still applies earlier entries); and wait, boundedly, for a Raft write. Refusals are
 * thrown as {@link ReplyException}, which {@code RequestHandler} turns into the handler's own error reply.
 * {@link #open()} is this node's own belief; an answer built from its state also needs {@link RaftRole#readIndex()}.
 */
public final class LeaderRequest {
    private final RaftRole role;
    private final LeaderLoop leaderLoop;
    private final Supplier<MetaImage> image;

    public LeaderRequest(RaftRole role, LeaderLoop leaderLoop, Supplier<MetaImage> image) {
        this.role = role;
        this.leaderLoop = leaderLoop;
        this.image = image;
    }

    RaftRole role() {
        return role;
    }

    LeaderLoop loop() {
        return leaderLoop;
    }

    /** The image as applied on this node now. */
    MetaImage image() {
        return image.get();
    }

    /** Throws UNAVAILABLE while this node was just elected and catches up, NOT_LEADER when it does not lead. */
    void requireLeader() {
        if (starting()) {
            throw new ReplyException(ErrorCode.UNAVAILABLE, startingMessage());
        }
        if (!open()) {
            throw new ReplyException(ErrorCode.NOT_LEADER, notLeaderMessage());
        }
    }

    /**
     * Waits up to {@code timeoutMs} for {@code write}. Empty when it did not complete in time (it may still); a
     * lost leadership is thrown as NOT_LEADER, any other failure as UNAVAILABLE starting with {@code failed}.
     */
    <T> Optional<T> await(CompletableFuture<T> write, long timeoutMs, String failed) {
        try {
            return Optional.of(write.get(Math.max(1, timeoutMs), TimeUnit.MILLISECONDS));
        } catch (TimeoutException e) {
            return Optional.empty();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof ProposalFailedException f && f.notLeader()) {
                throw new ReplyException(ErrorCode.NOT_LEADER, notLeaderMessage());
            }
            throw new ReplyException(ErrorCode.UNAVAILABLE, failed + ": " + e.getCause().getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ReplyException(ErrorCode.UNAVAILABLE, "meta is shutting down");
        }
    }

    /**
     * Waits up to {@code timeoutMs} for Raft to confirm this node leads and has applied all it committed (ReadIndex),
     * so an answer read from the image afterwards is not stale; null when it did, else why not.
     */
    String confirmLeadership(long timeoutMs) {
        try {
            role.readIndex().get(timeoutMs, TimeUnit.MILLISECONDS);
            return null;
        } catch (TimeoutException e) {
            return "no answer within " + timeoutMs + " ms";
        } catch (ExecutionException e) {
            return String.valueOf(e.getCause().getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
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
