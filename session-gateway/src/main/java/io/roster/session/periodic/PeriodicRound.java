package io.roster.session.periodic;

import io.roster.common.util.NamedThreads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A round of background work on its own thread: every interval, and once more at once when asked
 * ({@link #soon()}), one at a time. A round that throws is logged and the next one runs as planned; once closed,
 * requests for a round are dropped.
 */
public final class PeriodicRound implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PeriodicRound.class);

    private final String what;
    private final Runnable round;
    private final ScheduledExecutorService scheduler;

    /** @param what names the round in logs ("version check"); {@code threadName} names its thread */
    public PeriodicRound(String threadName, String what, Runnable round) {
        this.what = what;
        this.round = round;
        this.scheduler = NamedThreads.scheduler(threadName);
    }

    public void start(long firstDelayMs, long intervalMs) {
        scheduler.scheduleWithFixedDelay(this::roundQuietly, firstDelayMs, intervalMs, TimeUnit.MILLISECONDS);
    }

    /** Runs a round now, off the caller's thread. */
    public void soon() {
        try {
            scheduler.execute(this::roundQuietly);
        } catch (RejectedExecutionException e) {
            LOG.debug("{} stopped; no round", what);
        }
    }

    private void roundQuietly() {
        try {
            round.run();
        } catch (RuntimeException e) {
            LOG.error("{} round failed", what, e);
        }
    }

    @Override
    public void close() {
        NamedThreads.shutdown(scheduler);
    }
}
