package io.roster.session.failover;

import com.alipay.remoting.rpc.RpcResponseFuture;
import io.roster.common.wire.ErrorCode;
import io.roster.common.wire.RegisterReply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * While every client handler thread waits on a slot leader that does not answer, further client requests are
 * refused at once with a retryable UNAVAILABLE naming the overload, rather than queued without bound (issue 12,
 * finding 5).
 */
@Timeout(60)
class HandlerOverloadTest {
    /** Long, so no forwarding attempt ends while the test runs: the handler threads stay blocked on the silent leader. */
    private static final int RPC_TIMEOUT_MS = 120_000;
    /** More than the session's handler threads plus its queue can take. */
    private static final int REQUESTS = 1200;
    private SessionWithFakePeers cluster;

    @AfterEach
    void stop() {
        if (cluster != null) {
            cluster.a.answerAll();
            cluster.close();
        }
    }

    @Test
    void aSaturatedHandlerPoolAnswersUnavailableAtOnceInsteadOfQueueing() throws Exception {
        cluster = new SessionWithFakePeers(RPC_TIMEOUT_MS);
        cluster.a.silence();
        List<RpcResponseFuture> answers = new ArrayList<>();
        for (int i = 0; i < REQUESTS; i++) {
            answers.add(cluster.publish("r" + i, RPC_TIMEOUT_MS));
        }

        // The slot leader has answered nothing yet, so only a refusal can have come back.
        await().atMost(Duration.ofSeconds(20)).until(() -> answers.stream().anyMatch(RpcResponseFuture::isDone));
        List<RegisterReply> early = new ArrayList<>();
        for (RpcResponseFuture f : answers) {
            if (f.isDone()) {
                early.add((RegisterReply) f.get(0));
            }
        }
        assertThat(early).allSatisfy(r -> {
            assertThat(r.code()).isEqualTo(ErrorCode.UNAVAILABLE);
            assertThat(r.code().retryable()).isTrue();
            assertThat(r.message()).contains("overloaded");
        });

        // Once the leader answers, every request that was taken in completes: none was lost in a queue.
        cluster.a.answerAll();
        int ok = 0;
        for (RpcResponseFuture f : answers) {
            RegisterReply r = (RegisterReply) f.get(RPC_TIMEOUT_MS);
            assertThat(r.code()).as("answer: %s", r.message()).isIn(ErrorCode.OK, ErrorCode.UNAVAILABLE);
            ok += r.code() == ErrorCode.OK ? 1 : 0;
        }
        assertThat(ok).as("requests taken in").isPositive();
        assertThat(cluster.session.publisherCount()).as("refused publishes left nothing behind").isEqualTo(ok);
    }
}
