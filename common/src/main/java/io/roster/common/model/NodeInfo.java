package io.roster.common.model;

import java.util.Objects;

/** A data or session node as meta knows it: its role, where to reach it, and which run of it this is. */
public final class NodeInfo {
    private final NodeRole role;
    private final String address;
    private final ProcessId processId;

    public NodeInfo(NodeRole role, String address, ProcessId processId) {
        this.role = Objects.requireNonNull(role, "role");
        this.address = Objects.requireNonNull(address, "address");
        this.processId = Objects.requireNonNull(processId, "processId");
    }

    public NodeRole role() {
        return role;
    }

    public String address() {
        return address;
    }

    public ProcessId processId() {
        return processId;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NodeInfo n && role == n.role && address.equals(n.address) && processId.equals(n.processId);
    }

    @Override
    public int hashCode() {
        return Objects.hash(role, address, processId);
    }

    @Override
    public String toString() {
        return role + "@" + processId;
    }
}
