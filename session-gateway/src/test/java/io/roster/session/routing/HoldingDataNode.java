package io.roster.session.routing;

import com.alipay.remoting.AsyncContext;
import com.alipay.remoting.BizContext;
import com.alipay.remoting.rpc.protocol.AsyncUserProcessor;
import io.roster.common.wire.ErrorCode;
import io.roster.common.wire.PublishBatch;
import io.roster.common.wire.PublishBatchReply;
import io.roster.common.wire.PublishWrite;
import io.roster.common.wire.WriteReply;
import io.roster.testkit.bolt.FakeBoltPeer;

import java.util.ArrayList;
import java.util.List;

/**
 * A data leader stand-in on a real bolt port that takes publishes (single and batched) and holds the answers of the
 * first {@link #hold(int) n} calls until the test releases them, answering every other call OK at once.
 */
final class HoldingDataNode extends FakeBoltPeer {
    private final List<Runnable> held = new ArrayList<>();
    private int toHold;

    HoldingDataNode() {
        super("holding-data", 1);
        register(new Processor<>(PublishWrite.class, (write, reply) -> {
            record(write);
            return () -> reply.sendResponse(ok());
        }));
        register(new Processor<>(PublishBatch.class, (batch, reply) -> {
            record(batch);
            batch.writes().forEach(this::record);
            return () -> reply.sendResponse(new PublishBatchReply(ErrorCode.OK, "",
                    batch.writes().stream().map(w -> ok()).toList()));
        }));
        listen();
    }

    /** Holds the answers of the next {@code calls} calls. */
    void hold(int calls) {
        synchronized (held) {
            toHold = calls;
        }
    }

    /** Sends the held answers. */
    void release() {
        List<Runnable> answers;
        synchronized (held) {
            answers = new ArrayList<>(held);
            held.clear();
        }
        answers.forEach(Runnable::run);
    }

    private static WriteReply ok() {
        return new WriteReply(ErrorCode.OK, "", 1);
    }

    List<PublishWrite> writes() {
        return received(PublishWrite.class);
    }

    @Override
    protected void beforeClose() {
        release();
    }

    private interface Answering<Q> {
        Runnable answer(Q request, AsyncContext reply);
    }

    private final class Processor<Q> extends AsyncUserProcessor<Q> {
        private final Class<Q> type;
        private final Answering<Q> answering;

        Processor(Class<Q> type, Answering<Q> answering) {
            this.type = type;
            this.answering = answering;
        }

        @Override
        public void handleRequest(BizContext context, AsyncContext reply, Q request) {
            Runnable answer = answering.answer(request, reply);
            synchronized (held) {
                if (toHold > 0) {
                    toHold--;
                    held.add(answer);
                    return;
                }
            }
            answer.run();
        }

        @Override
        public String interest() {
            return type.getName();
        }

        @Override
        public boolean processInIOThread() {
            return true; // it only records and parks or sends the answer
        }
    }
}
