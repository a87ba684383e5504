package io.roster.meta.raft;

import com.alipay.sofa.jraft.Closure;
import com.alipay.sofa.jraft.Status;
import io.roster.meta.image.MetaImage;

import java.util.concurrent.CompletableFuture;

/** Completes a proposal's future with the image its entry produced, once jraft reports the outcome. */
final class ProposalClosure implements Closure {
    private final CompletableFuture<MetaImage> future;
    private volatile MetaImage applied;

    ProposalClosure(CompletableFuture<MetaImage> future) {
        this.future = future;
    }

    /** Called by the state machine right before {@link #run} with the image after this entry. */
    void applied(MetaImage state) {
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
