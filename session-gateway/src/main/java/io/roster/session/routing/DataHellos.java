package io.roster.session.routing;

import io.roster.common.util.NamedThreads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * This session's hellos to every data node, which register its notice connection there: every heartbeat interval,
 * and at once when the cluster view changes (a new or restarted data node learns where to send notices). Cheap and
 * idempotent, on one {@code session-hello} thread.
 */
public final class DataHellos implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DataHellos.class);

    private final DataRouter router;
    private final ScheduledExecutorService scheduler = NamedThreads.scheduler("session-hello");

    public DataHellos(DataRouter router) {
        this.router = router;
    }

    public void start(long intervalMs) {
        scheduler.scheduleWithFixedDelay(this::helloQuietly, 0, intervalMs, TimeUnit.MILLISECONDS);
    }

    /** A round now, off the caller's thread. */
    public void soon() {
        try {
            scheduler.execute(this::helloQuietly);
        } catch (RejectedExecutionException e) {
            LOG.debug("session stopping; no hello");
        }
    }

    private void helloQuietly() {
        try {
            router.helloAll();
        } catch (RuntimeException e) {
            LOG.warn("hello round failed", e);
        }
    }

    @Override
    public void close() {
        NamedThreads.shutdown(scheduler);
    }
}
