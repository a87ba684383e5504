package io.roster.common.rpc;

import com.alipay.remoting.BizContext;
import io.roster.common.wire.ErrorCode;
import io.roster.common.wire.SimpleReply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A RequestHandler on a full {@link BoundedHandlerPool} answers UNAVAILABLE at once on the caller's thread, unhandled. */
@Timeout(30)
class BoundedHandlerPoolTest {
    private final BoundedHandlerPool pool = new BoundedHandlerPool("test-handler", 1, 1);
    private final CountDownLatch release = new CountDownLatch(1);
    private final List<String> handled = new CopyOnWriteArrayList<>();
    private final List<Object> answers = new CopyOnWriteArrayList<>();
    private final RequestHandler<String> handler = new RequestHandler<>(String.class, pool) {
        @Override
        protected Object handle(BizContext context, String request) {
            handled.add(request);
            if (request.equals("blocking")) {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return new SimpleReply(ErrorCode.OK, request);
        }

        @Override
        protected Object errorReply(ErrorCode code, String message) {
            return new SimpleReply(code, message);
        }
    };

    @AfterEach
    void stop() {
        release.countDown();
        pool.close();
    }

    /** What bolt does with a request: hands the pool a task that runs the handler and sends its answer. */
    private void arrive(String request) {
        handler.getExecutor().execute(() -> answers.add(handler.handleRequest(null, request)));
    }

    @Test
    void aRequestFindingTheQueueFullIsAnsweredUnavailableAtOnceAndTheQueuedOnesStillRun() {
        arrive("blocking");
        await().until(() -> handled.contains("blocking")); // the one thread is held
        arrive("queued");
        arrive("refused");

        assertThat(answers).singleElement().satisfies(a -> {
            SimpleReply reply = (SimpleReply) a;
            assertThat(reply.code()).isEqualTo(ErrorCode.UNAVAILABLE);
            assertThat(reply.message()).contains("String refused", "test-handler overloaded", "1 handler threads", "1 requests queued");
        });
        assertThat(handled).doesNotContain("refused");
        assertThat(pool.refusedCount()).isEqualTo(1);
        assertThat(pool.queued()).isEqualTo(1);

        release.countDown();
        await().until(() -> answers.size() == 3);
        assertThat(handled).containsExactly("blocking", "queued");
    }

    @Test
    void aStoppedPoolAnswersThatTheNodeIsStopping() {
        pool.close();
        arrive("late");
        assertThat(answers).singleElement().satisfies(a -> assertThat(((SimpleReply) a).message()).contains("stopping"));
        assertThat(handled).isEmpty();
    }
}
