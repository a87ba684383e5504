package io.roster.client.session;

import com.alipay.remoting.Connection;
import com.alipay.remoting.exception.RemotingException;
import com.alipay.remoting.rpc.RpcClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;

/**
 * The I/O of a {@link SessionLink}'s connections, apart from its state: opening one to a session, the hello it starts
 * with, closing it. Runs outside the link's lock.
 */
final class SessionConnector {
    private static final Logger LOG = LoggerFactory.getLogger(SessionConnector.class);

    private final RpcClient rpcClient;
    private final SessionCalls calls;
    private final int connectTimeoutMillis;
    /** Set before the link starts; read by every connection's hello step. */
    private volatile Object hello;

    SessionConnector(RpcClient rpcClient, SessionCalls calls, Duration connectTimeout) {
        this.rpcClient = rpcClient;
        this.calls = calls;
        this.connectTimeoutMillis = (int) Math.min(Integer.MAX_VALUE, connectTimeout.toMillis());
    }

    void greetWith(Object hello) {
        this.hello = hello;
    }

    Connection open(String address) throws RemotingException {
        return rpcClient.createStandaloneConnection(address, connectTimeoutMillis);
    }

    /** The hello step of connecting; its outcome only shows in the log (a lost connection fails the replay next). */
    void greet(Connection connection, String address) {
        Object greeting = hello;
        if (greeting == null) {
            return;
        }
        CallOutcome outcome = calls.call(connection, greeting);
        if (outcome instanceof CallOutcome.Answered a && !a.reply().ok()) {
            LOG.info("Session {} did not take {} ({}); going on without capabilities", address,
                    greeting.getClass().getSimpleName(), a.reply().message());
        }
    }

    void closeQuietly(Connection connection) {
        try {
            rpcClient.closeStandaloneConnection(connection);
        } catch (RuntimeException e) {
            LOG.debug("Closing a session connection failed: {}", e.toString());
        }
    }
}
