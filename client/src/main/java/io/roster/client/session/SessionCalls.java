package io.roster.client.session;

import com.alipay.remoting.Connection;
import com.alipay.remoting.ResponseStatus;
import com.alipay.remoting.InvokeCallback;
import com.alipay.remoting.exception.CodecException;
import com.alipay.remoting.exception.RemotingException;
import com.alipay.remoting.rpc.RpcClient;
import com.alipay.remoting.rpc.exception.InvokeException;
import com.alipay.remoting.rpc.exception.InvokeServerBusyException;
import com.alipay.remoting.rpc.exception.InvokeServerException;
import com.alipay.remoting.rpc.exception.InvokeTimeoutException;
import io.roster.common.wire.ErrorCode;
import io.roster.common.wire.Reply;
import io.roster.common.wire.SimpleReply;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Calls on one connection, synchronous or not, sorted into "the session answered" and "no answer". Failures that the session
 * itself reported (busy, a processor or codec failure, any other failure status) count as answers, because the
 * connection is still good. Only silence counts as no answer: a send that failed, a connection that closed, or no
 * answer within the request timeout.
 */
final class SessionCalls {
    private final RpcClient rpcClient;
    private final int timeoutMillis;

    SessionCalls(RpcClient rpcClient, Duration requestTimeout) {
        this.rpcClient = rpcClient;
        this.timeoutMillis = (int) Math.min(Integer.MAX_VALUE, requestTimeout.toMillis());
    }

    CallOutcome call(Connection connection, Object request) {
        String name = request.getClass().getSimpleName();
        try {
            Object reply = rpcClient.invokeSync(connection, request, timeoutMillis);
            if (reply instanceof Reply r) {
                return new CallOutcome.Answered(r);
            }
            return answered(ErrorCode.INTERNAL_ERROR, "the session answered " + name + " with "
                    + (reply == null ? "nothing" : reply.getClass().getSimpleName()));
        } catch (RemotingException e) {
            return outcomeOf(name, e, timeoutMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new CallOutcome.Lost(name + " was interrupted while waiting for the answer", false);
        }
    }

    /**
     * The same call without holding the caller: bolt's callback completes the future, on {@code executor}, so many calls
     * can be in flight on one connection at once (bolt matches answers to requests by id).
     */
    CompletableFuture<CallOutcome> callAsync(Connection connection, Object request, Executor executor) {
        String name = request.getClass().getSimpleName();
        CompletableFuture<CallOutcome> outcome = new CompletableFuture<>();
        try {
            rpcClient.invokeWithCallback(connection, request, new InvokeCallback() {
                @Override
                public void onResponse(Object reply) {
                    outcome.complete(reply instanceof Reply r ? new CallOutcome.Answered(r)
                            : answered(ErrorCode.INTERNAL_ERROR, "the session answered " + name + " with "
                            + (reply == null ? "nothing" : reply.getClass().getSimpleName())));
                }

                @Override
                public void onException(Throwable e) {
                    outcome.complete(e instanceof RemotingException re ? outcomeOf(name, re, timeoutMillis)
                            : new CallOutcome.Lost(name + " got no answer: " + describe(e), true));
                }

                @Override
                public Executor getExecutor() {
                    return executor;
                }
            }, timeoutMillis);
        } catch (RemotingException e) {
            outcome.complete(outcomeOf(name, e, timeoutMillis));
        } catch (RuntimeException e) {
            outcome.complete(new CallOutcome.Lost(name + " could not be sent: " + describe(e), true));
        }
        return outcome;
    }

    /** How a failed call ended; {@code timeoutMillis} is the request timeout it had. */
    static CallOutcome outcomeOf(String name, RemotingException e, int timeoutMillis) {
        if (e instanceof InvokeServerBusyException) {
            return answered(ErrorCode.UNAVAILABLE, "the session is too busy to handle " + name);
        }
        if (e instanceof InvokeServerException || e instanceof CodecException) {
            return answered(ErrorCode.INTERNAL_ERROR, name + " failed in the session or in encoding: " + e.getMessage());
        }
        if (e instanceof InvokeTimeoutException) {
            // A session bounds its own work on a request (rpc.timeout-ms toward data), so silence this long means the
            // session or the path to it is stuck: the connection can no longer be trusted.
            return new CallOutcome.Lost(name + " got no answer within " + timeoutMillis + " ms", true);
        }
        if (e instanceof InvokeException && !sendFailed(e)) {
            // bolt raises it only for a response that came back with a failure status: the connection works.
            return answered(ErrorCode.INTERNAL_ERROR, "the session answered " + name + " with a failure: " + e.getMessage());
        }
        // the send failed or the connection closed
        return new CallOutcome.Lost(name + " got no answer: " + describe(e), true);
    }

    /**
     * Whether bolt's callback path reports a send that failed: it has no exception type of its own there, only a
     * generic {@link InvokeException} naming the status (the synchronous path throws InvokeSendFailedException).
     */
    private static boolean sendFailed(RemotingException e) {
        String message = e.getMessage();
        return message != null && message.contains("responseStatus:" + ResponseStatus.CLIENT_SEND_ERROR.name());
    }

    private static CallOutcome answered(ErrorCode code, String message) {
        return new CallOutcome.Answered(new SimpleReply(code, message));
    }

    /** The exception's message plus its root cause's, which is where "Connection refused" and the like end up. */
    static String describe(Throwable e) {
        String text = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (root != e) {
            String rootText = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
            if (!text.contains(rootText)) {
                text += " (" + rootText + ")";
            }
        }
        return text;
    }
}
