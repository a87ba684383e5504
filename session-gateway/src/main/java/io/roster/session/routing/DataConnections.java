package io.roster.session.routing;

import com.alipay.remoting.Connection;
import com.alipay.remoting.InvokeCallback;
import com.alipay.remoting.exception.RemotingException;
import com.alipay.remoting.rpc.RpcClient;
import io.roster.common.util.NamedThreads;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;

/**
 * Calls to data nodes that never wait for a connect on the calling thread. bolt's
 * {@code invokeWithCallback(String address, ...)} creates a missing connection synchronously, and the session's 2
 * write threads would then stall every node's answers while one node's host does not answer SYNs. So a call over an
 * established connection is sent at once; otherwise the connection is made on {@code session-connect}, one connect
 * per address at a time (calls arriving meanwhile wait for that one), and the call is sent when it is there.
 */
final class DataConnections implements AutoCloseable {
    /** bolt's default connect timeout: a live data node on the same network accepts well within it. */
    private static final int CONNECT_TIMEOUT_MS = 1_000;
    /** Connects in parallel: a few dead nodes cannot hold back connects to live ones. */
    private static final int CONNECT_THREADS = 4;

    private final RpcClient client;
    private final ExecutorService connecting = NamedThreads.pool("session-connect", CONNECT_THREADS);
    private final Map<String, CompletableFuture<Connection>> inProgress = new ConcurrentHashMap<>();

    DataConnections(RpcClient client) {
        this.client = client;
    }

    /** A connect to a data node failed: its calls cannot go out (a connection-level failure). */
    static final class ConnectFailed extends RemotingException {
        ConnectFailed(String address, Throwable cause) {
            super("cannot connect to " + address + ": " + cause.getMessage(), cause);
        }
    }

    /**
     * Sends {@code request}; the answer, or the failure (also of the connect, as {@link ConnectFailed}), goes to
     * {@code callback} on its executor.
     */
    void invoke(String address, Object request, InvokeCallback callback, int timeoutMs) {
        // While a connect runs, bolt's pool lookup would log a warning per call: wait for that connect instead.
        Connection established = inProgress.containsKey(address) ? null : established(address);
        if (established != null) {
            invoke(established, request, callback, timeoutMs);
            return;
        }
        connection(address).whenComplete((connection, e) -> {
            if (e != null) {
                fail(callback, e instanceof ConnectFailed ? e : new ConnectFailed(address, e));
            } else {
                invoke(connection, request, callback, timeoutMs);
            }
        });
    }

    private void invoke(Connection connection, Object request, InvokeCallback callback, int timeoutMs) {
        try {
            client.invokeWithCallback(connection, request, callback, timeoutMs); // never connects
        } catch (RemotingException | RuntimeException e) {
            fail(callback, e);
        }
    }

    /** Not inline: the caller may hold state the callback takes, and the next call may fail the same way. */
    private static void fail(InvokeCallback callback, Throwable e) {
        try {
            callback.getExecutor().execute(() -> callback.onException(e));
        } catch (RejectedExecutionException stopping) {
            callback.onException(e);
        }
    }

    private Connection established(String address) {
        try {
            Connection c = client.getConnectionManager().get(client.getAddressParser().parse(address).getUniqueKey());
            return c != null && c.isFine() ? c : null;
        } catch (RuntimeException e) {
            return null; // not parsable here: the connect reports it
        }
    }

    private CompletableFuture<Connection> connection(String address) {
        CompletableFuture<Connection> mine = new CompletableFuture<>();
        CompletableFuture<Connection> running = inProgress.putIfAbsent(address, mine);
        if (running != null) {
            return running;
        }
        try {
            connecting.execute(() -> {
                try {
                    mine.complete(client.getConnection(address, CONNECT_TIMEOUT_MS));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    mine.completeExceptionally(new ConnectFailed(address, e));
                } catch (Exception e) {
                    mine.completeExceptionally(new ConnectFailed(address, e));
                } finally {
                    inProgress.remove(address, mine);
                }
            });
        } catch (RejectedExecutionException e) {
            inProgress.remove(address, mine);
            mine.completeExceptionally(new ConnectFailed(address, new IllegalStateException("this session is stopping")));
        }
        return mine;
    }

    @Override
    public void close() {
        NamedThreads.shutdown(connecting);
    }
}
