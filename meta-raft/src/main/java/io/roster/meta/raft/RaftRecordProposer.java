package io.roster.meta.raft;

import com.alipay.sofa.jraft.Node;
import com.alipay.sofa.jraft.entity.Task;
import io.roster.meta.image.MetaImage;
import io.roster.meta.state.MetaRecord;
import io.roster.meta.state.RecordCodec;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/** Proposes records through {@link Node#apply}, with the expected term so a plan made under an old term is refused. */
public final class RaftRecordProposer implements RecordProposer {
    private final Supplier<Node> node;

    /** @param node the local Raft node, or null while it is not started yet */
    public RaftRecordProposer(Supplier<Node> node) {
        this.node = node;
    }

    @Override
    public CompletableFuture<MetaImage> propose(long term, List<MetaRecord> records) {
        CompletableFuture<MetaImage> future = new CompletableFuture<>();
        Node n = node.get();
        if (n == null) {
            future.completeExceptionally(new ProposalFailedException("the meta Raft node is not started", true));
            return future;
        }
        n.apply(new Task(ByteBuffer.wrap(RecordCodec.encode(records)), new ProposalClosure(future), term));
        return future;
    }
}
