package io.roster.session.failover;

import com.alipay.remoting.rpc.RpcResponseFuture;
import io.roster.common.wire.ErrorCode;
import io.roster.common.wire.RegisterReply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A slot leader that stops answering mid-write costs the client latency, not an error (issue 12, part 7). */
@Timeout(60)
class PublishDuringFailoverTest {
    private static final int RPC_TIMEOUT_MS = 6000;
    private SessionWithFakePeers cluster;

    @AfterEach
    void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void aPublishWhoseLeaderStopsAnsweringSucceedsAtTheNewLeaderWithinTheDeadline() throws Exception {
        cluster = new SessionWithFakePeers(RPC_TIMEOUT_MS);
        cluster.a.silence();

        RpcResponseFuture answer = cluster.publish("r1", 4 * RPC_TIMEOUT_MS);
        await().until(() -> cluster.a.receivedPublisher("r1")); // the write is stuck at A
        cluster.failOverToB();

        RegisterReply reply = (RegisterReply) answer.get(4 * RPC_TIMEOUT_MS);
        assertThat(reply.code()).as("the publish's answer: %s", reply.message()).isEqualTo(ErrorCode.OK);
        assertThat(cluster.b.receivedPublisher("r1")).as("the write reached the new leader").isTrue();
        assertThat(cluster.session.publisherCount()).isEqualTo(1);
    }

    /**
     * A killed leader resets the connection: the attempt fails at once rather than waiting out its share of the
     * deadline (here 40 s, far above the 20 s the answer is awaited), and the retry goes to the new leader.
     * A guard: this held before the per-attempt cap too, as bolt fails a call whose connection closes.
     */
    @Test
    void aPublishWhoseLeaderIsKilledMidCallFailsFastAndSucceedsAtTheNewLeader() throws Exception {
        int rpcTimeoutMs = 120_000;
        cluster = new SessionWithFakePeers(rpcTimeoutMs);
        cluster.a.silence();

        RpcResponseFuture answer = cluster.publish("r1", rpcTimeoutMs);
        await().until(() -> cluster.a.receivedPublisher("r1"));
        cluster.a.close(); // killed: its connections reset, new ones are refused
        cluster.failOverToB();

        RegisterReply reply = (RegisterReply) answer.get(20_000);
        assertThat(reply.code()).as("the publish's answer: %s", reply.message()).isEqualTo(ErrorCode.OK);
        assertThat(cluster.b.receivedPublisher("r1")).as("the write reached the new leader").isTrue();
    }
}
