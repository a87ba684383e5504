package io.roster.session.failover;

import com.alipay.remoting.AsyncContext;
import com.alipay.remoting.BizContext;
import com.alipay.remoting.rpc.protocol.AsyncUserProcessor;
import io.roster.common.wire.ErrorCode;
import io.roster.common.wire.PublishBatch;
import io.roster.common.wire.PublishBatchReply;
import io.roster.common.wire.PublishWrite;
import io.roster.common.wire.SessionDigest;
import io.roster.common.wire.SessionDigestReply;
import io.roster.common.wire.SessionHello;
import io.roster.common.wire.SimpleReply;
import io.roster.common.wire.WriteReply;
import io.roster.testkit.bolt.FakeBoltPeer;

import java.util.ArrayList;
import java.util.List;

/**
 * A data slot leader stand-in on a real bolt port. It records every publish it receives; while silent it keeps the
 * TCP connection and never answers (a leader that hangs or was cut off), otherwise it answers OK.
 */
final class FakeDataPeer extends FakeBoltPeer {
    private final List<AsyncContext> unanswered = new ArrayList<>();
    private boolean silent;

    FakeDataPeer() {
        super("fake-data", 1);
        register(new AsyncUserProcessor<PublishWrite>() {
            @Override
            public void handleRequest(BizContext context, AsyncContext reply, PublishWrite write) {
                record(write);
                synchronized (unanswered) {
                    if (silent) {
                        unanswered.add(reply);
                        return;
                    }
                }
                reply.sendResponse(new WriteReply(ErrorCode.OK, "", 1));
            }

            @Override
            public String interest() {
                return PublishWrite.class.getName();
            }

            @Override
            public boolean processInIOThread() {
                return true; // it only records and parks the reply
            }
        });
        register(new AsyncUserProcessor<PublishBatch>() {
            @Override
            public void handleRequest(BizContext context, AsyncContext reply, PublishBatch batch) {
                record(batch);
                batch.writes().forEach(FakeDataPeer.this::record);
                AsyncContext all = r -> reply.sendResponse(new PublishBatchReply(ErrorCode.OK, "",
                        batch.writes().stream().map(w -> new WriteReply(ErrorCode.OK, "", 1)).toList()));
                synchronized (unanswered) {
                    if (silent) {
                        unanswered.add(all);
                        return;
                    }
                }
                all.sendResponse(null);
            }

            @Override
            public String interest() {
                return PublishBatch.class.getName();
            }

            @Override
            public boolean processInIOThread() {
                return true;
            }
        });
        // Answered at once, quieting the session's side calls.
        answer(SessionHello.class, new SimpleReply(ErrorCode.OK, ""));
        answer(SessionDigest.class, new SessionDigestReply(ErrorCode.OK, "", List.of()));
        listen();
    }

    /** Stops answering publishes, keeping the connection open. */
    void silence() {
        synchronized (unanswered) {
            silent = true;
        }
    }

    /** Answers OK to every publish it held back, and to all from now on. */
    void answerAll() {
        List<AsyncContext> held;
        synchronized (unanswered) {
            silent = false;
            held = new ArrayList<>(unanswered);
            unanswered.clear();
        }
        held.forEach(reply -> reply.sendResponse(new WriteReply(ErrorCode.OK, "", 1)));
    }

    boolean receivedPublisher(String registerId) {
        return received(PublishWrite.class).stream().anyMatch(w -> w.publisher().registerId().equals(registerId));
    }
}
