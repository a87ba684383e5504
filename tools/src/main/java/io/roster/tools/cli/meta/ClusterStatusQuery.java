package io.roster.tools.cli.meta;

import io.roster.common.heartbeat.MetaClient;
import io.roster.common.rpc.RpcCaller;
import io.roster.common.rpc.RpcFailure;
import io.roster.common.wire.ClusterStatusReply;
import io.roster.common.wire.ClusterStatusRequest;

import java.util.List;

/** Asks the meta leader for the cluster as it sees it (roster nodes, roster slots). */
public final class ClusterStatusQuery {
    private ClusterStatusQuery() {
    }

    /** The leader's answer; {@link MetaCallException} when no meta answers or the answer is an error. */
    public static ClusterStatusReply fetch(List<String> servers, int timeoutMs) {
        ClusterStatusReply reply;
        try (RpcCaller caller = new RpcCaller()) {
            reply = new MetaClient(caller, servers, timeoutMs).call(new ClusterStatusRequest("roster-cli"),
                    ClusterStatusReply.class, ClusterStatusReply::leaderAddress);
        } catch (RpcFailure e) {
            throw new MetaCallException(e.getMessage());
        }
        if (!reply.ok()) {
            throw new MetaCallException("meta answered " + reply.code() + ": " + reply.message());
        }
        return reply;
    }
}
