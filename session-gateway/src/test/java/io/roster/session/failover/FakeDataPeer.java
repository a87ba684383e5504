package io.roster.session.failover;

import com.alipay.remoting.AsyncContext;
import com.alipay.remoting.BizContext;
import com.alipay.remoting.rpc.RpcServer;
import com.alipay.remoting.rpc.protocol.AsyncUserProcessor;
import com.alipay.remoting.rpc.protocol.SyncUserProcessor;
import io.roster.common.rpc.BoltServers;
import io.roster.common.wire.ErrorCode;
import io.roster.common.wire.PublishWrite;
import io.roster.common.wire.SessionDigest;
import io.roster.common.wire.SessionDigestReply;
import io.roster.common.wire.SessionHello;
import io.roster.common.wire.SimpleReply;
import io.roster.common.wire.WriteReply;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A data slot leader stand-in on a real bolt port. It records every publish it receives; while silent it keeps the
 * TCP connection and never answers (a leader that hangs or was cut off), otherwise it answers OK.
 */
final class FakeDataPeer implements AutoCloseable {
    private final RpcServer server = BoltServers.create("127.0.0.1", 0);
    private final List<PublishWrite> received = new CopyOnWriteArrayList<>();
    private final List<AsyncContext> unanswered = new ArrayList<>();
    private boolean silent;

    FakeDataPeer() {
        server.registerUserProcessor(new AsyncUserProcessor<PublishWrite>() {
            @Override
            public void handleRequest(BizContext context, AsyncContext reply, PublishWrite write) {
                received.add(write);
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
        server.registerUserProcessor(answering(SessionHello.class, new SimpleReply(ErrorCode.OK, "")));
        server.registerUserProcessor(answering(SessionDigest.class, new SessionDigestReply(ErrorCode.OK, "", List.of())));
        BoltServers.start(server, "data.port");
    }

    /** A processor that answers every {@code type} request at once with {@code reply}, quieting the session's side calls. */
    private static <Q> SyncUserProcessor<Q> answering(Class<Q> type, Object reply) {
        return new SyncUserProcessor<>() {
            @Override
            public Object handleRequest(BizContext context, Q request) {
                return reply;
            }

            @Override
            public String interest() {
                return type.getName();
            }
        };
    }

    String address() {
        return "127.0.0.1:" + server.port();
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

    List<PublishWrite> received() {
        return received;
    }

    boolean receivedPublisher(String registerId) {
        return received.stream().anyMatch(w -> w.publisher().registerId().equals(registerId));
    }

    @Override
    public void close() {
        BoltServers.safeShutdown(server);
    }
}
