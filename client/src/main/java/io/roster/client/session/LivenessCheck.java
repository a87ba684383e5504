package io.roster.client.session;

import com.alipay.remoting.rpc.RpcClient;
import io.roster.common.util.NamedThreads;
import io.roster.common.wire.SessionPing;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Pings the connected session every interval and leaves it ({@link SessionLink#abandon}) when a ping gets no answer
 * within the timeout. A stalled session (a long GC, a stopped process, a dead path) keeps its TCP connection open,
 * so without this the client would stay on it until meta's lease on the session ran out and data dropped the
 * client's publishers. Interval plus timeout (0.5 + 1 s by default) is set below the default 3 s lease, so the
 * client has moved and replayed elsewhere before that. A session that answers with an error is alive: only silence
 * counts.
 */
public final class LivenessCheck implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LivenessCheck.class);

    private final SessionLink link;
    private final SessionCalls pings;
    private final Duration interval;
    private final Duration timeout;
    private final ScheduledExecutorService scheduler;

    public LivenessCheck(SessionLink link, RpcClient rpcClient, Duration interval, Duration timeout, String threadName) {
        this.link = link;
        this.pings = new SessionCalls(rpcClient, timeout);
        this.interval = interval;
        this.timeout = timeout;
        this.scheduler = NamedThreads.scheduler(threadName);
    }

    public void start() {
        scheduler.scheduleWithFixedDelay(this::pingQuietly, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void pingQuietly() {
        try {
            ping();
        } catch (RuntimeException e) {
            LOG.warn("Liveness ping failed unexpectedly", e);
        }
    }

    /** One ping of the connected session, if any; returns whether it answered (true when there is none). */
    boolean ping() {
        LinkStatus status = link.status();
        if (status.state() != LinkState.CONNECTED) {
            return true;
        }
        CallOutcome outcome = pings.call(status.connection(), new SessionPing());
        if (outcome instanceof CallOutcome.Lost lost && lost.connectionFailed()) {
            link.abandon(status.connection(), "no answer to a liveness ping within " + timeout.toMillis() + " ms ("
                    + lost.reason() + ")");
            return false;
        }
        return true;
    }

    @Override
    public void close() {
        NamedThreads.shutdown(scheduler);
    }
}
