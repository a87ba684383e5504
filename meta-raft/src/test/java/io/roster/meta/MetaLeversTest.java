package io.roster.meta;

import io.roster.common.config.ConfigKeys;
import io.roster.common.config.RosterConfig;
import io.roster.common.lever.IncidentLevers;
import io.roster.common.model.NodeInfo;
import io.roster.common.model.NodeRole;
import io.roster.common.model.ProcessId;
import io.roster.common.rpc.RpcCaller;
import io.roster.common.wire.ClusterStatusReply;
import io.roster.common.wire.ClusterStatusRequest;
import io.roster.common.wire.ErrorCode;
import io.roster.common.wire.HeartbeatReply;
import io.roster.common.wire.HeartbeatRequest;
import io.roster.common.wire.LeverReply;
import io.roster.common.wire.LeverRequest;
import io.roster.testkit.FreePorts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Incident levers on a one-node meta group over real bolt: written through the log, sent with heartbeats, kept. */
@Timeout(60)
class MetaLeversTest {
    private static final int RPC_TIMEOUT_MS = 3_000;
    private static final NodeInfo SESSION = new NodeInfo(NodeRole.SESSION, "127.0.0.1:19601",
            new ProcessId("127.0.0.1:19601", System.currentTimeMillis(), ProcessHandle.current().pid()));

    @TempDir
    Path dataDir;

    private final List<AutoCloseable> toClose = new ArrayList<>();
    private final RpcCaller caller = new RpcCaller();

    @AfterEach
    void tearDown() throws Exception {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
        caller.close();
    }

    private MetaServer start(int port) {
        MetaServer server = new MetaServer(RosterConfig.builder()
                .set(ConfigKeys.HOST, "127.0.0.1")
                .set(ConfigKeys.META_PORT, Integer.toString(port))
                .set(ConfigKeys.DATA_DIR, dataDir.toString())
                .set(ConfigKeys.META_ELECTION_TIMEOUT_MS, "500")
                .set(ConfigKeys.CLUSTER_SLOTS, "16")
                .set(ConfigKeys.LEASE_DURATION_MS, "30000")
                .set(ConfigKeys.RPC_TIMEOUT_MS, Integer.toString(RPC_TIMEOUT_MS))
                .build());
        toClose.add(server);
        server.start();
        await().atMost(Duration.ofSeconds(20)).until(server::isLeader);
        return server;
    }

    private LeverReply lever(MetaServer server, String lever, String value, boolean on) {
        return caller.call(server.address(), new LeverRequest(lever, value, on, true), LeverReply.class, RPC_TIMEOUT_MS);
    }

    @Test
    void aLeverIsCommittedSentWithHeartbeatsShownInTheStatusAndKeptAcrossRestartAndSnapshot() throws Exception {
        int port = FreePorts.free();
        MetaServer first = start(port);

        LeverReply on = lever(first, "client-off", "10.0.0.5:4000", true);
        assertThat(on.code()).isEqualTo(ErrorCode.OK);
        assertThat(on.levers().clientOff()).containsExactly("10.0.0.5:4000");
        assertThat(on.levers().version()).isPositive();
        assertThat(lever(first, "gray-push", "10.0.0.7", true).levers().grayPushIps()).containsExactly("10.0.0.7");

        HeartbeatReply beat = caller.call(first.address(), new HeartbeatRequest(SESSION, 0, 0, 0, 0, List.of(), List.of(), true),
                HeartbeatReply.class, RPC_TIMEOUT_MS);
        assertThat(beat.levers().clientOff()).containsExactly("10.0.0.5:4000");
        assertThat(beat.levers().version()).isLessThanOrEqualTo(beat.metaVersion());
        ClusterStatusReply status = caller.call(first.address(), new ClusterStatusRequest("test"), ClusterStatusReply.class, RPC_TIMEOUT_MS);
        assertThat(status.levers().grayPushIps()).containsExactly("10.0.0.7");
        assertThat(status.nodes()).anySatisfy(n -> {
            assertThat(n.node().address()).isEqualTo(SESSION.address());
            assertThat(n.pushStopped()).isTrue();
        });
        IncidentLevers before = caller.call(first.address(), LeverRequest.read(), LeverReply.class, RPC_TIMEOUT_MS).levers();
        assertThat(first.snapshot().get(10, TimeUnit.SECONDS).isOk()).isTrue();
        assertThat(lever(first, "blacklist-dataid", "com.bad.*", true).code()).isEqualTo(ErrorCode.OK); // after the snapshot: from the log
        first.close();

        MetaServer second = start(port);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            IncidentLevers now = caller.call(second.address(), LeverRequest.read(), LeverReply.class, RPC_TIMEOUT_MS).levers();
            assertThat(now.clientOff()).isEqualTo(before.clientOff());
            assertThat(now.grayPushIps()).isEqualTo(before.grayPushIps());
            assertThat(now.blacklistDataIds()).containsExactly("com.bad.*");
        });
        LeverReply off = lever(second, "client-off", "10.0.0.5:4000", false);
        assertThat(off.levers().clientOff()).isEmpty();
    }

    @Test
    void badInputIsRefusedNamingTheValueAndChangesNothing() {
        MetaServer server = start(FreePorts.free());

        LeverReply host = lever(server, "blacklist-ip", "example.com", true);
        assertThat(host.code()).isEqualTo(ErrorCode.INVALID_REQUEST);
        assertThat(host.message()).contains("example.com");
        LeverReply unknown = lever(server, "blacklist-host", "10.0.0.1", true);
        assertThat(unknown.code()).isEqualTo(ErrorCode.INVALID_REQUEST);
        assertThat(unknown.message()).contains("blacklist-host");
        LeverReply port = lever(server, "gray-push", "10.0.0.1:80", true);
        assertThat(port.code()).isEqualTo(ErrorCode.INVALID_REQUEST);
        assertThat(caller.call(server.address(), LeverRequest.read(), LeverReply.class, RPC_TIMEOUT_MS).levers().isEmpty()).isTrue();
    }
}
