package io.roster.meta.raft;

import com.alipay.sofa.jraft.Node;
import com.alipay.sofa.jraft.entity.PeerId;

import java.util.List;
import java.util.function.Supplier;

/** {@link RaftRole} read from the local jraft node; safe to call before it starts and after it stops. */
public final class RaftNodeRole implements RaftRole {
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
}
