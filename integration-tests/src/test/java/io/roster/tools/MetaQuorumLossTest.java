package io.roster.tools;

import io.roster.client.Publication;
import io.roster.client.RosterClient;
import io.roster.common.config.ConfigKeys;
import io.roster.common.config.RosterConfig;
import io.roster.common.heartbeat.MetaClient;
import io.roster.common.rpc.RpcCaller;
import io.roster.common.rpc.RpcFailure;
import io.roster.common.wire.ClusterStatusReply;
import io.roster.common.wire.ClusterStatusRequest;
import io.roster.testkit.FreePorts;
import io.roster.testkit.MetaConfigs;
import io.roster.testkit.PushRecorder;
import io.roster.tools.server.RosterNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * AP behaviour (issue 3): three meta nodes, one data and one session node, each its own {@link RosterNode}. With
 * two metas gone there is no quorum, yet a new publish still reaches the subscriber through session and data,
 * which keep their last slot table; when the metas come back the nodes' heartbeats are answered again.
 */
@Timeout(120)
class MetaQuorumLossTest {
    private static final String SERVICE = "com.example.QuorumService";

    @TempDir
    Path dir;

    private final List<RosterNode> metas = new ArrayList<>();
    private final List<RosterConfig> metaConfigs = new ArrayList<>();
    private final List<AutoCloseable> toClose = new ArrayList<>();
    private final RpcCaller caller = new RpcCaller();

    @AfterEach
    void tearDown() throws Exception {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
        metas.forEach(RosterNode::close);
        caller.close();
    }

    @Test
    void withoutAMetaQuorumPublishesStillReachSubscribersAndHeartbeatsResumeAfter() {
        MetaConfigs group = MetaConfigs.group(dir, 3)
                .set(ConfigKeys.ADMIN_PORT, 0)
                .set(ConfigKeys.CLUSTER_SLOTS, 16)
                .set(ConfigKeys.HEARTBEAT_INTERVAL_MS, 200)
                .set(ConfigKeys.LEASE_DURATION_MS, 3000)
                .set(ConfigKeys.SESSION_PUSH_DEBOUNCE_MS, 10);
        List<String> peers = group.peers();
        metaConfigs.addAll(group.members());
        metaConfigs.forEach(c -> metas.add(new RosterNode(c).start()));
        RosterNode data = node(group.node("data").set(ConfigKeys.DATA_PORT, "0").build());
        RosterNode session = node(group.node("session").set(ConfigKeys.SESSION_PORT, Integer.toString(FreePorts.free())).build());
        await().atMost(Duration.ofSeconds(30)).until(() -> data.isReady() && session.isReady());

        RosterClient provider = client(session.session().address(), "provider");
        RosterClient consumer = client(session.session().address(), "consumer");
        PushRecorder listener = new PushRecorder();
        consumer.subscribe(SERVICE, listener::onData);
        Publication pub = provider.publish(SERVICE, "10.0.0.1:1");
        await().atMost(Duration.ofSeconds(10)).until(() -> List.of("10.0.0.1:1").equals(listener.lastData()));

        // two of three metas stop: no quorum, no leader
        long tableEpoch = data.data().view().slotTable().epoch();
        int stayed = metas.indexOf(metas.stream().filter(m -> !m.meta().isLeader()).findFirst().orElseThrow());
        for (int i = 0; i < 3; i++) {
            if (i != stayed) {
                metas.get(i).close();
            }
        }
        MetaClient metaClient = new MetaClient(caller, peers, 1_000);
        await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() -> !answers(metaClient));

        // data and session keep their last table: a new publish still reaches the subscriber
        Publication second = provider.publish(SERVICE, "10.0.0.2:2");
        await().atMost(Duration.ofSeconds(10)).until(() -> List.of("10.0.0.1:1", "10.0.0.2:2").equals(listener.lastData()));
        pub.republish("10.0.0.1:11");
        await().atMost(Duration.ofSeconds(10)).until(() -> listener.lastData() != null
                && Set.of("10.0.0.1:11", "10.0.0.2:2").equals(Set.copyOf(listener.lastData())));
        assertThat(data.data().view().slotTable().epoch()).isEqualTo(tableEpoch);
        assertThat(session.session().view().slotTable().epoch()).isEqualTo(tableEpoch);
        assertThat(listener.versionsOnlyRise()).isTrue();

        // the metas return on the same directories: a leader again, and it hears both nodes
        for (int i = 0; i < 3; i++) {
            if (i != stayed) {
                metas.set(i, new RosterNode(metaConfigs.get(i)).start());
            }
        }
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> answers(metaClient));
        // A new leader counts a node it never heard as heard when it took over, which was before it first answered.
        // So a node last heard after that first answer was really heard: its heartbeats are answered again.
        long firstAnswer = System.nanoTime();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).ignoreExceptions().until(() -> {
            long asked = System.nanoTime();
            ClusterStatusReply status = status(metaClient);
            return status != null && status.nodes().size() == 2 && status.nodes().stream()
                    .allMatch(n -> asked - n.millisSinceHeartbeat() * 1_000_000L > firstAnswer);
        });
        second.unpublish();
        await().atMost(Duration.ofSeconds(10)).until(() -> List.of("10.0.0.1:11").equals(listener.lastData()));
    }

    private RosterNode node(RosterConfig config) {
        RosterNode n = new RosterNode(config).start();
        toClose.add(n);
        return n;
    }

    private RosterClient client(String session, String app) {
        RosterClient c = RosterClient.builder()
                .sessions(session)
                .appName(app)
                .connectTimeout(Duration.ofSeconds(10))
                .reconnectBackoff(Duration.ofMillis(50), Duration.ofMillis(500))
                .build();
        toClose.add(c);
        return c;
    }

    private static boolean answers(MetaClient meta) {
        ClusterStatusReply status = status(meta);
        return status != null && status.ok();
    }

    private static ClusterStatusReply status(MetaClient meta) {
        try {
            ClusterStatusReply r = meta.call(new ClusterStatusRequest("test"), ClusterStatusReply.class, ClusterStatusReply::leaderAddress);
            return r.ok() ? r : null;
        } catch (RpcFailure e) {
            return null;
        }
    }
}
