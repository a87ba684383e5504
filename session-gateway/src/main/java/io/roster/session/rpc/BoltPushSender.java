package io.roster.session.rpc;

import com.alipay.remoting.Connection;
import com.alipay.remoting.InvokeCallback;
import com.alipay.remoting.rpc.RpcServer;
import io.roster.common.wire.PushAck;
import io.roster.common.wire.PushMessage;
import io.roster.session.push.PushSender;
import io.roster.session.registry.ConnectionHandle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/** Sends pushes over the client's own bolt connection to this session's server, completing on its ack. */
public final class BoltPushSender implements PushSender {
    private static final Logger LOG = LoggerFactory.getLogger(BoltPushSender.class);

    private final RpcServer server;
    private final BoltConnections connections;
    private final int timeoutMs;

    /** @param timeoutMs how long a client has to ack a push (session.push-timeout-ms) */
    public BoltPushSender(RpcServer server, BoltConnections connections, int timeoutMs) {
        this.server = server;
        this.connections = connections;
        this.timeoutMs = timeoutMs;
    }

    @Override
    public CompletableFuture<Boolean> send(ConnectionHandle handle, PushMessage message) {
        return sendForOutcome(handle, message).thenApply(o -> o == PushOutcome.ACKED);
    }

    @Override
    public CompletableFuture<PushOutcome> sendForOutcome(ConnectionHandle handle, PushMessage message) {
        CompletableFuture<PushOutcome> acked = new CompletableFuture<>();
        Connection connection = connections.connectionOf(handle);
        if (connection == null) {
            acked.complete(PushOutcome.FAILED); // closed: nothing goes over it any more
            return acked;
        }
        try {
            server.invokeWithCallback(connection, message, new InvokeCallback() {
                @Override
                public void onResponse(Object ack) {
                    acked.complete(!(ack instanceof PushAck a) ? PushOutcome.FAILED : a.ok() ? PushOutcome.ACKED
                            : a.wantsFullList() ? PushOutcome.WANTS_FULL_LIST : PushOutcome.FAILED);
                }

                @Override
                public void onException(Throwable e) {
                    LOG.debug("push of {} v{} to {} failed: {}", message.dataInfoId(), message.version(), handle, e.toString());
                    acked.complete(PushOutcome.FAILED);
                }

                @Override
                public Executor getExecutor() {
                    return null; // complete on bolt's callback thread; the engine only feeds its plan from there
                }
            }, timeoutMs);
        } catch (Exception e) {
            LOG.debug("push of {} v{} to {} failed: {}", message.dataInfoId(), message.version(), handle, e.getMessage());
            acked.complete(PushOutcome.FAILED);
        }
        return acked;
    }
}
