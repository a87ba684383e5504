package io.roster.meta.notice;

import io.roster.common.rpc.RpcCaller;
import io.roster.common.tls.LinkSecurity;
import io.roster.common.wire.ClusterChangedNotice;

/**
 * Sends notices over a bolt client of its own, so a slow connect to a dead node never waits behind (or holds up)
 * meta's other calls. bolt opens a connection to an address on first use and keeps it.
 */
public final class BoltClusterNoticeSender implements ClusterNoticeSender {
    private final RpcCaller caller;

    public BoltClusterNoticeSender() {
        this(LinkSecurity.plain());
    }

    /** @param security how the links to data and session nodes are protected (the node's outgoing TLS) */
    public BoltClusterNoticeSender(LinkSecurity security) {
        this.caller = new RpcCaller(security);
    }

    @Override
    public void send(String address, ClusterChangedNotice notice) {
        caller.oneway(address, notice);
    }

    @Override
    public void close() {
        caller.close();
    }
}
