package io.roster.common.wire;

import io.roster.common.model.*;
import java.util.List;

/**
 * Data or session node to meta: alive, with the slot-table epoch it knows and its counts. A data node also reports
 * its role and progress for every slot it holds ({@code replicas}; empty from session nodes).
 */
public final class HeartbeatRequest {
    private final NodeInfo node;
    private final long knownEpoch;
    private final long publishers;
    private final long subscribers;
    private final long clients;
    private final List<SlotReplicaState> replicas;
    /** From a session: the digests of the revisions its clients' application instances serve (for collection). */
    private final List<String> revisionsInUse;
    /** From a session: its pushes are stopped locally (per-session stop-push); false from older nodes. */
    private final boolean pushStopped;

    /** A heartbeat without replica reports (session nodes). */
    public HeartbeatRequest(NodeInfo node, long knownEpoch, long publishers, long subscribers, long clients) {
        this(node, knownEpoch, publishers, subscribers, clients, List.of());
    }

    public HeartbeatRequest(NodeInfo node, long knownEpoch, long publishers, long subscribers, long clients,
                            List<SlotReplicaState> replicas) {
        this(node, knownEpoch, publishers, subscribers, clients, replicas, List.of());
    }

    public HeartbeatRequest(NodeInfo node, long knownEpoch, long publishers, long subscribers, long clients,
                            List<SlotReplicaState> replicas, List<String> revisionsInUse) {
        this(node, knownEpoch, publishers, subscribers, clients, replicas, revisionsInUse, false);
    }

    public HeartbeatRequest(NodeInfo node, long knownEpoch, long publishers, long subscribers, long clients,
                            List<SlotReplicaState> replicas, List<String> revisionsInUse, boolean pushStopped) {
        this.pushStopped = pushStopped;
        this.node = node;
        this.knownEpoch = knownEpoch;
        this.publishers = publishers;
        this.subscribers = subscribers;
        this.clients = clients;
        this.replicas = List.copyOf(replicas);
        this.revisionsInUse = List.copyOf(revisionsInUse);
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

    /** The sender's role and progress for each slot it leads or follows in its current table. */
    public List<SlotReplicaState> replicas() {
        return replicas == null ? List.of() : replicas;
    }

    /** The revisions a session's application instances serve; empty from data nodes and older sessions. */
    public List<String> revisionsInUse() {
        return revisionsInUse == null ? List.of() : revisionsInUse;
    }

    public boolean pushStopped() {
        return pushStopped;
    }

    @Override
    public String toString() {
        return "HeartbeatRequest{" + "node=" + node + " " + "knownEpoch=" + knownEpoch + " " + "publishers=" + publishers + " " + "subscribers=" + subscribers + " " + "clients=" + clients + " replicas=" + replicas().size() + "}";
    }
}
