package io.roster.common.rpc;

import com.alipay.remoting.AsyncContext;
import com.alipay.remoting.BizContext;
import com.alipay.remoting.rpc.protocol.AsyncUserProcessor;
import io.roster.common.model.InvalidInputException;
import io.roster.common.tls.PeerRoles;
import io.roster.common.wire.ErrorCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/**
 * The asynchronous sibling of {@link RequestHandler}: the handler thread runs {@link #handle} up to the point where
 * it would wait (e.g. for another node's answer) and is free again; the answer goes out when the returned stage
 * completes, from whatever thread completes it. Never throws across the wire, with the same mapping as
 * {@link RequestHandler}: bad input becomes INVALID_REQUEST, a {@link ReplyException} its code, any other failure
 * (thrown, or the stage's) INTERNAL_ERROR; on a full {@link BoundedHandlerPool} a request is answered UNAVAILABLE at once.
 */
public abstract class AsyncRequestHandler<Q> extends AsyncUserProcessor<Q> {
    private static final Logger LOG = LoggerFactory.getLogger(AsyncRequestHandler.class);
    private final Class<Q> requestType;
    private final Executor executor;

    protected AsyncRequestHandler(Class<Q> requestType, Executor executor) {
        this.requestType = requestType;
        this.executor = executor;
    }

    /** Starts handling {@code request}; the stage completes with the reply. Must not wait for other nodes. */
    protected abstract CompletionStage<?> handle(BizContext context, Q request);

    /** The reply to send when handling failed. */
    protected abstract Object errorReply(ErrorCode code, String message);

    @Override
    public final void handleRequest(BizContext context, AsyncContext answer, Q request) {
        if (nodesOnly() && context != null && !PeerRoles.admitsNodeRequest(context.getConnection())) {
            send(context, answer, errorReply(ErrorCode.UNAUTHENTICATED, notANode(context)));
            return;
        }
        if (executor instanceof BoundedHandlerPool pool && pool.refusingOnThisThread()) {
            send(context, answer, errorReply(ErrorCode.UNAVAILABLE, pool.refusal(requestType.getSimpleName())));
            return;
        }
        CompletionStage<?> reply;
        try {
            reply = handle(context, request);
        } catch (RuntimeException e) {
            send(context, answer, failed(context, e));
            return;
        }
        reply.whenComplete((r, e) -> send(context, answer, e == null ? r : failed(context, e)));
    }

    private Object failed(BizContext context, Throwable e) {
        Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
        if (cause instanceof InvalidInputException) {
            return errorReply(ErrorCode.INVALID_REQUEST, cause.getMessage());
        }
        if (cause instanceof ReplyException r) {
            return errorReply(r.code(), r.getMessage());
        }
        LOG.error("{} from {} failed", requestType.getSimpleName(), context.getRemoteAddress(), cause);
        return errorReply(ErrorCode.INTERNAL_ERROR, requestType.getSimpleName() + " failed: " + cause);
    }

    private void send(BizContext context, AsyncContext answer, Object reply) {
        try {
            answer.sendResponse(reply);
        } catch (RuntimeException e) {
            // the connection closed meanwhile: nobody is waiting for this answer any more
            LOG.debug("answer to {} from {} not sent: {}", requestType.getSimpleName(), context.getRemoteAddress(), e.toString());
        }
    }

    /**
     * True for a request only cluster nodes send: on a TLS port it is answered UNAUTHENTICATED unless the peer's
     * certificate states the node role (a client certificate, or a plain client, cannot ask it).
     */
    protected boolean nodesOnly() {
        return false;
    }

    private String notANode(BizContext context) {
        return requestType.getSimpleName() + " is for cluster nodes only: the connection from " + context.getRemoteAddress()
                + " did not show a node certificate of the cluster CA";
    }

    @Override
    public final String interest() {
        return requestType.getName();
    }

    @Override
    public Executor getExecutor() {
        return executor;
    }
}
