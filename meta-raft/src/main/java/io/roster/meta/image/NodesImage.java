package io.roster.meta.image;

import io.roster.common.model.NodeInfo;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The data and session processes the log records as live (holding a lease, as far as the log knows: joined and
 * not expired since), one per address, each list sorted by address. When a lease actually ran out is the leader's
 * in-memory business ({@code LeaseTracker}); this is what the group agreed on.
 */
public final class NodesImage {
    public static final NodesImage EMPTY = new NodesImage(List.of(), List.of());
    private static final Comparator<NodeInfo> BY_ADDRESS = Comparator.comparing(NodeInfo::address);

    private final List<NodeInfo> dataNodes;
    private final List<NodeInfo> sessionNodes;

    public NodesImage(List<NodeInfo> dataNodes, List<NodeInfo> sessionNodes) {
        this.dataNodes = sorted(dataNodes);
        this.sessionNodes = sorted(sessionNodes);
    }

    private static List<NodeInfo> sorted(List<NodeInfo> nodes) {
        List<NodeInfo> copy = new ArrayList<>(nodes);
        copy.sort(BY_ADDRESS);
        return List.copyOf(copy);
    }

    /** Live data nodes, by address. */
    public List<NodeInfo> dataNodes() {
        return dataNodes;
    }

    /** Live session nodes, by address. */
    public List<NodeInfo> sessionNodes() {
        return sessionNodes;
    }

    /** Data nodes first, then session nodes. */
    public List<NodeInfo> allNodes() {
        List<NodeInfo> all = new ArrayList<>(dataNodes);
        all.addAll(sessionNodes);
        return all;
    }

    public List<String> dataAddresses() {
        return dataNodes.stream().map(NodeInfo::address).toList();
    }

    /** The live node at {@code address}, whatever its role. */
    public Optional<NodeInfo> node(String address) {
        return allNodes().stream().filter(n -> n.address().equals(address)).findFirst();
    }

    /** True when exactly this process (role, address and process id) is live. */
    public boolean contains(NodeInfo node) {
        return node(node.address()).map(node::equals).orElse(false);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NodesImage n && dataNodes.equals(n.dataNodes) && sessionNodes.equals(n.sessionNodes);
    }

    @Override
    public int hashCode() {
        return Objects.hash(dataNodes, sessionNodes);
    }

    @Override
    public String toString() {
        return "data=" + dataNodes + " session=" + sessionNodes;
    }
}
