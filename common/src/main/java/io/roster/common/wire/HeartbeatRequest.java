package io.roster.common.wire;

import io.roster.common.model.*;

/** Data or session node to meta: alive, with the slot-table epoch it knows and its counts. */
public final class HeartbeatRequest {
    private final NodeInfo node;
    private final long knownEpoch;
    private final long publishers;
    private final long subscribers;
    private final long clients;

    public HeartbeatRequest(NodeInfo node, long knownEpoch, long publishers, long subscribers, long clients) {
        this.node = node;
        this.knownEpoch = knownEpoch;
        this.publishers = publishers;
        this.subscribers = subscribers;
        this.clients = clients;
    }

    public NodeInfo node() {
        return node;
    }

    public long knownEpoch() {
        return knownEpoch;
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
        return "HeartbeatRequest{" + "node=" + node + " " + "knownEpoch=" + knownEpoch + " " + "publishers=" + publishers + " " + "subscribers=" + subscribers + " " + "clients=" + clients + "}";
    }
}
