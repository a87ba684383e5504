package io.roster.meta.notice;

import io.roster.common.wire.ClusterChangedNotice;

/** The network side of {@link ClusterChangeNotifier}: one oneway notice to one node. */
public interface ClusterNoticeSender extends AutoCloseable {
    /**
     * Sends {@code notice} to the node listening on {@code address} without waiting for an answer; may block
     * while it connects.
     *
     * @throws io.roster.common.rpc.RpcFailure when it could not be sent
     */
    void send(String address, ClusterChangedNotice notice);

    @Override
    void close();
}
