package io.roster.common.wire;

import io.roster.common.model.*;

/** One live node as the meta leader sees it. */
public final class NodeStatus {
    private final NodeInfo node;
    private final long millisSinceHeartbeat;
    private final long publishers;
    private final long subscribers;
    private final long clients;

    public NodeStatus(NodeInfo node, long millisSinceHeartbeat, long publishers, long subscribers, long clients) {
        this.node = node;
        this.millisSinceHeartbeat = millisSinceHeartbeat;
        this.publishers = publishers;
        this.subscribers = subscribers;
        this.clients = clients;
    }

    public NodeInfo node() {
        return node;
    }

    public long millisSinceHeartbeat() {
        return millisSinceHeartbeat;
    }

    public long publishers() {
        return publishers;
    }

    public long subscribers() {
        return subscribers;
    }

    public long clients() {
        return clients;
    }

    @Override
    public String toString() {
        return "NodeStatus{" + "node=" + node + " " + "millisSinceHeartbeat=" + millisSinceHeartbeat + " " + "publishers=" + publishers + " " + "subscribers=" + subscribers + " " + "clients=" + clients + "}";
    }
}
