package io.roster.meta.raft;

import com.alipay.sofa.jraft.Status;
import com.alipay.sofa.jraft.error.RaftError;

/**
 * A proposal that did not complete: Raft refused it, or it was not applied in time (it may still be). {@link
 * #notLeader()} tells a lost leadership, which the caller reports as NOT_LEADER, from other failures.
 */
public final class ProposalFailedException extends RuntimeException {
    private final boolean notLeader;

    public ProposalFailedException(String message, boolean notLeader) {
        super(message, null, false, false);
        this.notLeader = notLeader;
    }

    static ProposalFailedException of(Status status) {
        // EPERM covers "is not leader", a term that changed since the proposal was planned, and a leader that
        // stepped down with the entry pending.
        return new ProposalFailedException("meta log write failed: " + status, status.getRaftError() == RaftError.EPERM);
    }

    public boolean notLeader() {
        return notLeader;
    }
}
