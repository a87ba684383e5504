package io.roster.meta.raft;

import com.alipay.sofa.jraft.Node;
import com.alipay.sofa.jraft.Status;
import com.alipay.sofa.jraft.closure.ReadIndexClosure;
import com.alipay.sofa.jraft.entity.PeerId;
import com.alipay.sofa.jraft.option.ReadOnlyOption;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/** {@link RaftRole} read from the local jraft node; safe to call before it starts and after it stops. */
public final class RaftNodeRole implements RaftRole {
    private static final byte[] NO_CONTEXT = new byte[0];

    private final Supplier<Node> node;
    private final Supplier<List<String>> committedPeers;

    public RaftNodeRole(Supplier<Node> node, Supplier<List<String>> committedPeers) {
        this.node = node;
        this.committedPeers = committedPeers;
    }

    @Override
    public boolean isLeader() {
        Node n = node.get();
        return n != null && n.isLeader();
    }

    @Override
    public String leaderAddress() {
        Node n = node.get();
        PeerId leader = n == null ? null : n.getLeaderId();
        return leader == null || leader.isEmpty() ? "" : leader.getEndpoint().toString();
    }

    @Override
    public List<String> peers() {
        Node n = node.get();
        if (n != null && n.isLeader()) {
            try {
                return n.listPeers().stream().map(p -> p.getEndpoint().toString()).toList();
            } catch (IllegalStateException lostLeadership) {
                // stepped down between the two calls; the committed configuration is just as good
            }
        }
        return committedPeers.get();
    }

    /**
     * jraft's ReadIndex in its safe mode: the leader confirms with a quorum that it still leads (no clock
     * assumption, unlike the lease mode) and the closure runs once this node applied up to the read index. It costs
     * a round trip to the followers (a few ms, batched by jraft), once per heartbeat.
     */
    @Override
    public CompletableFuture<Void> readIndex() {
        CompletableFuture<Void> read = new CompletableFuture<>();
        Node n = node.get();
        if (n == null) {
            read.completeExceptionally(new IllegalStateException("the meta Raft node is not running"));
            return read;
        }
        try {
            n.readIndex(ReadOnlyOption.ReadOnlySafe, NO_CONTEXT, new ReadIndexClosure() {
                @Override
                public void run(Status status, long index, byte[] context) {
                    if (status.isOk()) {
                        read.complete(null);
                    } else {
                        read.completeExceptionally(new IllegalStateException(status.toString()));
                    }
                }
            });
        } catch (RuntimeException e) {
            read.completeExceptionally(e);
        }
        return read;
    }
}
