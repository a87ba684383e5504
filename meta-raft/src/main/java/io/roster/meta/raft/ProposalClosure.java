package io.roster.meta.raft;

import com.alipay.sofa.jraft.Closure;
import com.alipay.sofa.jraft.Status;
import io.roster.meta.state.MetaState;

import java.util.concurrent.CompletableFuture;

/** Completes a proposal's future with the state its entry produced, once jraft reports the outcome. */
final class ProposalClosure implements Closure {
    private final CompletableFuture<MetaState> future;
    private volatile MetaState applied;

    ProposalClosure(CompletableFuture<MetaState> future) {
        this.future = future;
    }

    /** Called by the state machine right before {@link #run} with the state after this entry. */
    void applied(MetaState state) {
        this.applied = state;
    }

    @Override
    public void run(Status status) {
        if (status.isOk()) {
            future.complete(applied);
        } else {
            future.completeExceptionally(ProposalFailedException.of(status));
        }
    }
}
