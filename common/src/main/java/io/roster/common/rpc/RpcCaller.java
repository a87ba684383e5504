package io.roster.common.rpc;

import com.alipay.remoting.exception.RemotingException;
import com.alipay.remoting.rpc.RpcClient;
import io.roster.common.tls.LinkSecurity;

/** Typed synchronous calls over one bolt client, turning bolt's checked failures into {@link RpcFailure}. */
public final class RpcCaller implements AutoCloseable {
    private final RpcClient client;

    public RpcCaller() {
        this(new RpcClient());
    }

    /** A caller whose connections are protected as {@code security} says (a node's: {@code NodeTls.outgoing()}). */
    public RpcCaller(LinkSecurity security) {
        this(security.applyTo(new RpcClient()));
    }

    /** Wraps a client that may carry extra processors (e.g. for pushes); starts it. */
    public RpcCaller(RpcClient client) {
        WireTypes.install();
        this.client = client;
        client.startup();
    }

    public <R> R call(String address, Object request, Class<R> replyType, int timeoutMs) {
        Object reply;
        try {
            reply = client.invokeSync(address, request, timeoutMs);
        } catch (RemotingException e) {
            throw new RpcFailure(request.getClass().getSimpleName() + " to " + address + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RpcFailure(request.getClass().getSimpleName() + " to " + address + " was interrupted", e);
        }
        if (!replyType.isInstance(reply)) {
            throw new RpcFailure(request.getClass().getSimpleName() + " to " + address + " got "
                    + (reply == null ? "no reply" : reply.getClass().getSimpleName()) + " instead of " + replyType.getSimpleName(), null);
        }
        return replyType.cast(reply);
    }

    /** Sends without waiting for an answer; a failure to send (no connection) is an {@link RpcFailure}. */
    public void oneway(String address, Object message) {
        try {
            client.oneway(address, message);
        } catch (RemotingException e) {
            throw new RpcFailure(message.getClass().getSimpleName() + " to " + address + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RpcFailure(message.getClass().getSimpleName() + " to " + address + " was interrupted", e);
        }
    }

    public RpcClient client() {
        return client;
    }

    @Override
    public void close() {
        client.shutdown();
    }
}
