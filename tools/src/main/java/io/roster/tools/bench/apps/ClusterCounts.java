package io.roster.tools.bench.apps;

import io.roster.common.heartbeat.MetaClient;
import io.roster.common.model.NodeRole;
import io.roster.common.rpc.RpcCaller;
import io.roster.common.wire.ClusterStatusReply;
import io.roster.common.wire.ClusterStatusRequest;
import io.roster.common.wire.NodeStatus;
import io.roster.tools.bench.admin.ServerAdmins;

import java.util.List;

/**
 * The cluster's figures at one moment: the sessions' own gauges and push counters (their /metrics, read live), and
 * the publishers the data nodes hold (their heartbeat counts at the meta leader, every copy counted; they lag by up
 * to one heartbeat, so {@link AppsBenchPhase} waits for them to settle).
 */
record ClusterCounts(long sessionPublishers, long sessionSubscribers, long pushesAcked, long pushBytes, long dataPublishers) {

    static ClusterCounts read(List<String> admins, List<String> metaServers, int timeoutMs) {
        ServerAdmins.Scrape s = ServerAdmins.scrape(admins);
        if (s.sessions().isEmpty()) {
            throw new IllegalStateException("no session among the admin ports " + admins + " (see --admin)");
        }
        return new ClusterCounts((long) s.sessionSum("session_publishers"), (long) s.sessionSum("session_subscribers"),
                (long) s.sessionSum("session_push_acked"), (long) s.sessionSum("session_push_bytes"),
                dataPublishers(metaServers, timeoutMs));
    }

    static long dataPublishers(List<String> metaServers, int timeoutMs) {
        try (RpcCaller caller = new RpcCaller()) {
            ClusterStatusReply reply = new MetaClient(caller, metaServers, timeoutMs)
                    .call(new ClusterStatusRequest("roster-bench-apps"), ClusterStatusReply.class, ClusterStatusReply::leaderAddress);
            if (!reply.ok()) {
                throw new IllegalStateException("meta answered " + reply.code() + ": " + reply.message());
            }
            return reply.nodes().stream().filter(n -> n.node().role() == NodeRole.DATA).mapToLong(NodeStatus::publishers).sum();
        }
    }

    /** This minus {@code base}: what a load added. */
    ClusterCounts minus(ClusterCounts base) {
        return new ClusterCounts(sessionPublishers - base.sessionPublishers, sessionSubscribers - base.sessionSubscribers,
                pushesAcked - base.pushesAcked, pushBytes - base.pushBytes, dataPublishers - base.dataPublishers);
    }
}
