package io.roster.tools.cluster;

import io.roster.common.heartbeat.MetaClient;
import io.roster.common.rpc.RpcCaller;
import io.roster.common.rpc.RpcFailure;
import io.roster.common.tls.LinkSecurity;
import io.roster.common.wire.ClusterStatusReply;
import io.roster.common.wire.ClusterStatusRequest;
import io.roster.common.wire.ErrorCode;

import java.util.List;
import java.util.Optional;

/** Asks a cluster's meta nodes how things stand, over one bolt client. Close it when done. */
public final class ClusterProbe implements AutoCloseable {
    private static final String REQUESTER = "roster-cluster";

    private final RpcCaller caller;
    private final int timeoutMs;

    public ClusterProbe(int timeoutMs) {
        this(timeoutMs, LinkSecurity.plain());
    }

    /** @param security how the links to meta are protected (a cluster with tls.enabled: a node certificate) */
    public ClusterProbe(int timeoutMs, LinkSecurity security) {
        this.caller = new RpcCaller(security);
        this.timeoutMs = timeoutMs;
    }

    /** The leader's view, following redirects through {@code metas}; empty while no meta answers as leader. */
    public Optional<ClusterStatusReply> leaderStatus(List<String> metas) {
        try {
            ClusterStatusReply r = new MetaClient(caller, metas, timeoutMs).call(new ClusterStatusRequest(REQUESTER),
                    ClusterStatusReply.class, ClusterStatusReply::leaderAddress);
            return r.ok() ? Optional.of(r) : Optional.empty();
        } catch (RpcFailure e) {
            return Optional.empty();
        }
    }

    /** Asks one meta node, without following its redirect: does it lead, follow, or not know? */
    public MetaAnswer ask(String meta) {
        return ask(meta, timeoutMs);
    }

    public MetaAnswer ask(String meta, int callTimeoutMs) {
        ClusterStatusReply r;
        try {
            r = caller.call(meta, new ClusterStatusRequest(REQUESTER), ClusterStatusReply.class, callTimeoutMs);
        } catch (RpcFailure e) {
            return new MetaAnswer(meta, MetaAnswer.State.DOWN, "", null, e.getMessage());
        }
        String leader = r.leaderAddress() == null ? "" : r.leaderAddress();
        if (r.ok()) {
            return new MetaAnswer(meta, MetaAnswer.State.LEADER, meta, r, "");
        }
        if (r.code() == ErrorCode.NOT_LEADER && !leader.isEmpty() && !leader.equals(meta)) {
            return new MetaAnswer(meta, MetaAnswer.State.FOLLOWER, leader, null, leader);
        }
        return new MetaAnswer(meta, MetaAnswer.State.ELECTING, leader, null, r.code() + ": " + r.message());
    }

    @Override
    public void close() {
        caller.close();
    }
}
