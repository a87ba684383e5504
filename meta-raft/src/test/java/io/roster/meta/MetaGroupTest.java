package io.roster.meta;

import io.roster.common.config.RosterConfig;
import io.roster.testkit.MetaConfigs;
import io.roster.common.config.ConfigKeys;
import io.roster.common.heartbeat.MetaClient;
import io.roster.common.model.NodeInfo;
import io.roster.common.model.NodeRole;
import io.roster.common.model.ProcessId;
import io.roster.common.rpc.RpcCaller;
import io.roster.common.wire.ClusterStatusReply;
import io.roster.common.wire.ClusterStatusRequest;
import io.roster.common.wire.ErrorCode;
import io.roster.common.wire.HeartbeatReply;
import io.roster.common.wire.HeartbeatRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Three meta nodes in one JVM: followers redirect, the state replicates, a new leader takes over with it. */
@Timeout(60)
class MetaGroupTest {
    private static final NodeInfo DATA = new NodeInfo(NodeRole.DATA, "127.0.0.1:19621",
            new ProcessId("127.0.0.1:19621", 1, 1));

    @TempDir
    Path dataDir;

    private final List<MetaServer> servers = new ArrayList<>();
    private final RpcCaller caller = new RpcCaller();

    @AfterEach
    void tearDown() {
        servers.forEach(MetaServer::close);
        caller.close();
    }

    private List<String> startGroup(int electionTimeoutMs) throws IOException {
        MetaConfigs group = MetaTestGroups.group(dataDir, 3)
                .set(ConfigKeys.META_ELECTION_TIMEOUT_MS, electionTimeoutMs)
                .set(ConfigKeys.CLUSTER_SLOTS, 16)
                .set(ConfigKeys.LEASE_DURATION_MS, 5000);
        List<String> peers = group.peers();
        for (RosterConfig member : group.members()) {
            MetaServer m = new MetaServer(member);
            servers.add(m);
            m.start();
        }
        return peers;
    }

    @Test
    void followersRedirectAndANewLeaderKeepsTheState() throws IOException {
        List<String> peers = startGroup(500);
        await().atMost(Duration.ofSeconds(20)).until(() -> servers.stream().anyMatch(MetaServer::isLeader));
        MetaServer leader = servers.stream().filter(MetaServer::isLeader).findFirst().orElseThrow();
        MetaServer follower = servers.stream().filter(s -> s != leader).findFirst().orElseThrow();
        await().atMost(Duration.ofSeconds(10)).until(() -> follower.leaderAddress().equals(leader.address()));

        HeartbeatReply redirect = caller.call(follower.address(), new HeartbeatRequest(DATA, 0, 0, 0, 0), HeartbeatReply.class, 2_000);
        assertThat(redirect.code()).isEqualTo(ErrorCode.NOT_LEADER);
        assertThat(redirect.leaderAddress()).isEqualTo(leader.address());
        assertThat(follower.peers()).containsExactlyInAnyOrderElementsOf(peers);

        MetaClient client = new MetaClient(caller, List.of(follower.address()), 2_000);
        await().atMost(Duration.ofSeconds(10)).until(() -> heartbeat(client).ok());
        await().atMost(Duration.ofSeconds(10)).until(() -> servers.stream().allMatch(s -> s.state().dataNodes().contains(DATA)));

        leader.close();
        servers.remove(leader);
        await().atMost(Duration.ofSeconds(20)).until(() -> servers.stream().anyMatch(MetaServer::isLeader));
        await().atMost(Duration.ofSeconds(10)).until(() -> heartbeat(client).ok());
        ClusterStatusReply status = client.call(new ClusterStatusRequest("test"), ClusterStatusReply.class,
                ClusterStatusReply::leaderAddress);
        assertThat(status.code()).isEqualTo(ErrorCode.OK);
        assertThat(status.leaderAddress()).isNotEqualTo(leader.address());
        assertThat(status.nodes()).hasSize(1);
        assertThat(status.slotTable().slots()).allSatisfy(s -> assertThat(s.leader()).isEqualTo(DATA.address()));
    }

    @Test
    void aLeaderCutOffFromItsFollowersAnswersNotLeaderWhileItStillBelievesItLeads() throws IOException {
        // jraft's leader steps down only about 0.9 election timeouts after it last heard a quorum: a long window
        startGroup(4_000);
        await().atMost(Duration.ofSeconds(30)).until(() -> servers.stream().anyMatch(MetaServer::isLeader));
        MetaServer leader = servers.stream().filter(MetaServer::isLeader).findFirst().orElseThrow();
        MetaClient client = new MetaClient(caller, List.of(leader.address()), 3_000);
        await().atMost(Duration.ofSeconds(10)).until(() -> heartbeat(client).ok());
        assertThat(leader.state().dataNodes()).containsExactly(DATA);

        for (MetaServer follower : List.copyOf(servers)) {
            if (follower != leader) {
                follower.close();
                servers.remove(follower);
            }
        }
        HeartbeatReply reply = caller.call(leader.address(), new HeartbeatRequest(DATA, 0, 0, 0, 0), HeartbeatReply.class, 3_000);
        boolean stillBelievesItLeads = leader.isLeader();

        assertThat(reply.code()).isEqualTo(ErrorCode.NOT_LEADER);
        assertThat(reply.dataNodes()).isEmpty();
        assertThat(reply.slotTable()).isNull();
        assertThat(reply.leaderAddress()).isEmpty();
        assertThat(stillBelievesItLeads).as("the answer came before the leader stepped down").isTrue();
    }

    private static HeartbeatReply heartbeat(MetaClient client) {
        return client.call(new HeartbeatRequest(DATA, 0, 0, 0, 0), HeartbeatReply.class, HeartbeatReply::leaderAddress);
    }
}
