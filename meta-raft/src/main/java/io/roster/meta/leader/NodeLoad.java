package io.roster.meta.leader;

import io.roster.common.wire.HeartbeatRequest;

/** What a node reported in its last heartbeat, for the cluster status (a session: whether its pushes are stopped). */
public record NodeLoad(long publishers, long subscribers, long clients, boolean pushStopped) {
    public static final NodeLoad NONE = new NodeLoad(0, 0, 0, false);

    public NodeLoad(long publishers, long subscribers, long clients) {
        this(publishers, subscribers, clients, false);
    }

    public static NodeLoad of(HeartbeatRequest request) {
        return new NodeLoad(request.publishers(), request.subscribers(), request.clients(), request.pushStopped());
    }
}
