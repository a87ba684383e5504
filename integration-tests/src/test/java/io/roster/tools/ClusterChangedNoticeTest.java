package io.roster.tools;

import io.roster.common.rpc.RpcCaller;
import io.roster.common.wire.ClusterChangedNotice;
import io.roster.common.wire.SimpleReply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/** Meta tells data and session nodes that the slot table changed; both must take the notice (and beat at once). */
@Timeout(60)
class ClusterChangedNoticeTest {
    @RegisterExtension
    final StandaloneCluster cluster = new StandaloneCluster();
    private final RpcCaller caller = new RpcCaller();

    @AfterEach
    void stop() {
        caller.close();
    }

    @Test
    void theSessionAndTheDataNodeBothTakeTheNotice() {
        String data = cluster.node().data().address();
        for (String address : new String[]{cluster.sessionAddress(), data}) {
            SimpleReply reply = caller.call(address, new ClusterChangedNotice(1), SimpleReply.class, 3000);
            assertThat(reply.ok()).as("notice answered by %s: %s", address, reply).isTrue();
        }
    }
}
