package io.roster.meta.state;

import io.roster.common.model.NodeInfo;

import java.util.Objects;

/** A process missed its lease; it is removed only if it is still the process live at its address. */
public final class NodeExpired implements MetaRecord {
    private final NodeInfo node;

    public NodeExpired(NodeInfo node) {
        this.node = Objects.requireNonNull(node, "node");
    }

    public NodeInfo node() {
        return node;
    }

    /** A record decoded from a damaged log may lack its node (found by MetaCodecFuzzTest): refuse it by name. */
    @Override
    public void check() {
        if (node == null || node.role() == null || node.address() == null || node.processId() == null
                || node.processId().address() == null) {
            throw new IllegalArgumentException("NodeExpired record without a whole node: " + node);
        }
    }


    @Override
    public boolean equals(Object o) {
        return o instanceof NodeExpired r && node().equals(r.node());
    }

    @Override
    public int hashCode() {
        return node().hashCode();
    }

    @Override
    public String toString() {
        return "NodeExpired{" + node() + "}";
    }
}
