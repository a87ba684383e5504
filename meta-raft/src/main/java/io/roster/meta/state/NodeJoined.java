package io.roster.meta.state;

import io.roster.common.model.NodeInfo;

import java.util.Objects;

/** A data or session process is live; it replaces any earlier process at the same address. */
public final class NodeJoined implements MetaRecord {
    private final NodeInfo node;

    public NodeJoined(NodeInfo node) {
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
            throw new IllegalArgumentException("NodeJoined record without a whole node: " + node);
        }
        if (node.role() != io.roster.common.model.NodeRole.DATA && node.role() != io.roster.common.model.NodeRole.SESSION) {
            // refused here, not when applied (found by MetaCodecFuzzTest: replay threw for a META node)
            throw new IllegalArgumentException("NodeJoined record of a " + node.role() + " node: meta tracks data and session nodes only");
        }
    }


    @Override
    public boolean equals(Object o) {
        return o instanceof NodeJoined r && node().equals(r.node());
    }

    @Override
    public int hashCode() {
        return node().hashCode();
    }

    @Override
    public String toString() {
        return "NodeJoined{" + node() + "}";
    }
}
