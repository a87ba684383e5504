package io.roster.meta.leader;

import io.roster.common.wire.HeartbeatRequest;

/** What a node reported in its last heartbeat, for the cluster status. */
public record NodeLoad(long publishers, long subscribers, long clients) {
    public static final NodeLoad NONE = new NodeLoad(0, 0, 0);

    public static NodeLoad of(HeartbeatRequest request) {
        return new NodeLoad(request.publishers(), request.subscribers(), request.clients());
    }
}
