package io.roster.meta;

import io.roster.common.acl.ClientAcl;
import io.roster.common.config.ConfigKeys;
import io.roster.common.config.RosterConfig;
import io.roster.common.lever.LeverValues;
import io.roster.common.rpc.RpcCaller;
import io.roster.common.wire.ErrorCode;
import io.roster.common.wire.LeverReply;
import io.roster.common.wire.LeverRequest;
import io.roster.meta.image.CappedReplayTest;
import io.roster.meta.image.MetaImage;
import io.roster.meta.raft.RaftRecordProposer;
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

/**
 * A meta log holding lever and ACL adds past their caps (as two admin writes that each passed the leader's check can
 * leave it after an apply timeout) is applied, and again after a restart: the node leads, serves, and ends at the caps.
 * The entries are proposed straight to Raft, past the handlers that would refuse them.
 */
@Timeout(60)
class MetaCappedLogRestartTest {
    private static final int RPC_TIMEOUT_MS = 3_000;

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

    private static void assertAtTheCaps(MetaImage image) {
        assertThat(image.levers().clientOff()).hasSize(LeverValues.MAX_ENTRIES);
        assertThat(image.acl().credentialsOf("orders")).hasSize(ClientAcl.MAX_ACTIVE_PER_APP);
        assertThat(image.acl().rules()).hasSize(ClientAcl.MAX_RULES);
    }

    @Test
    void entriesPastTheCapsApplyAndTheNodeRestartsAndServes() throws Exception {
        int port = FreePorts.free();
        MetaServer first = start(port);
        RaftRecordProposer raft = new RaftRecordProposer(first::raftNode);
        assertAtTheCaps(raft.propose(-1, CappedReplayTest.leverAddsPastTheCap()).thenCompose(
                x -> raft.propose(-1, CappedReplayTest.aclAddsPastTheCaps())).get(20, TimeUnit.SECONDS));
        first.close();

        MetaServer second = start(port);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertAtTheCaps(second.image()));
        LeverReply read = caller.call(second.address(), LeverRequest.read(), LeverReply.class, RPC_TIMEOUT_MS);
        assertThat(read.code()).isEqualTo(ErrorCode.OK);
        LeverReply more = caller.call(second.address(), new LeverRequest("client-off", "10.9.9.9", true, true),
                LeverReply.class, RPC_TIMEOUT_MS);
        assertThat(more.code()).as(more.message()).isEqualTo(ErrorCode.LIMIT_EXCEEDED);
        LeverReply off = caller.call(second.address(), new LeverRequest("client-off", "10.0.0.0", false, true),
                LeverReply.class, RPC_TIMEOUT_MS);
        assertThat(off.code()).as(off.message()).isEqualTo(ErrorCode.OK);
        assertThat(off.levers().clientOff()).hasSize(LeverValues.MAX_ENTRIES - 1);
    }
}
