package io.roster.common.wire;

import io.roster.common.model.*;

/** One live node as the meta leader sees it. */
public final class NodeStatus {
    private final NodeInfo node;
    private final long millisSinceHeartbeat;
    private final long publishers;
    private final long subscribers;
    private final long clients;
    /** A session whose pushes are stopped locally (its last heartbeat said so). */
    private final boolean pushStopped;

    public NodeStatus(NodeInfo node, long millisSinceHeartbeat, long publishers, long subscribers, long clients) {
        this(node, millisSinceHeartbeat, publishers, subscribers, clients, false);
    }

    public NodeStatus(NodeInfo node, long millisSinceHeartbeat, long publishers, long subscribers, long clients,
                      boolean pushStopped) {
        this.pushStopped = pushStopped;
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

    public boolean pushStopped() {
        return pushStopped;
    }

    @Override
    public String toString() {
        return "NodeStatus{" + "node=" + node + " " + "millisSinceHeartbeat=" + millisSinceHeartbeat + " " + "publishers=" + publishers + " " + "subscribers=" + subscribers + " " + "clients=" + clients + "}";
    }
}
