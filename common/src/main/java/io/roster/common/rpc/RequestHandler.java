package io.roster.common.rpc;

import com.alipay.remoting.BizContext;
import com.alipay.remoting.rpc.protocol.SyncUserProcessor;
import io.roster.common.model.InvalidInputException;
import io.roster.common.tls.PeerRoles;
import io.roster.common.wire.ErrorCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.Executor;

/**
 * A bolt processor for one request type that never throws across the wire: bad input becomes an
 * INVALID_REQUEST reply naming what was wrong, a {@link ReplyException} its own code, any other failure an
 * INTERNAL_ERROR reply (and a log line). On a {@link BoundedHandlerPool} with no room left, a request is answered
 * UNAVAILABLE at once, unhandled.
 */
public abstract class RequestHandler<Q> extends SyncUserProcessor<Q> {
    private static final Logger LOG = LoggerFactory.getLogger(RequestHandler.class);
    private final Class<Q> requestType;
    private final Executor executor;

    protected RequestHandler(Class<Q> requestType, Executor executor) {
        this.requestType = requestType;
        this.executor = executor;
    }

    protected abstract Object handle(BizContext context, Q request);

    /** The reply to send when handling failed. */
    protected abstract Object errorReply(ErrorCode code, String message);

    @Override
    public final Object handleRequest(BizContext context, Q request) {
        if (nodesOnly() && context != null && !PeerRoles.admitsNodeRequest(context.getConnection())) {
            return errorReply(ErrorCode.UNAUTHENTICATED, notANode(context));
        }
        if (executor instanceof BoundedHandlerPool pool && pool.refusingOnThisThread()) {
            return errorReply(ErrorCode.UNAVAILABLE, pool.refusal(requestType.getSimpleName()));
        }
        try {
            return handle(context, request);
        } catch (InvalidInputException e) {
            return errorReply(ErrorCode.INVALID_REQUEST, e.getMessage());
        } catch (ReplyException e) {
            return errorReply(e.code(), e.getMessage());
        } catch (RuntimeException e) {
            LOG.error("{} from {} failed", requestType.getSimpleName(), context.getRemoteAddress(), e);
            return errorReply(ErrorCode.INTERNAL_ERROR, requestType.getSimpleName() + " failed: " + e);
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
