package io.roster.datastore.migration;

import io.roster.common.util.NamedThreads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs the reconciliation rounds on one thread, at most one queued at a time. A round asked for sooner than the one
 * queued replaces it: a session's answer asks for a round at once while the periodic recheck is queued, and waiting
 * for the recheck would add its whole interval to every promotion. A round asked for while one runs is queued
 * after it (the running one may have read the answers before this one came).
 */
final class RoundScheduler implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RoundScheduler.class);

    private final ScheduledExecutorService thread;
    private final Runnable round;
    /** The round queued and not started yet (null if none), and when it is due (System.nanoTime). */
    private ScheduledFuture<?> queued;
    private long queuedDueNanos;

    RoundScheduler(String threadName, Runnable round) {
        this.thread = NamedThreads.scheduler(threadName);
        this.round = round;
    }

    /** Runs the round {@code delayMs} from now, unless one is queued that is due no later. Returns at once. */
    synchronized void schedule(long delayMs) {
        long due = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(delayMs);
        if (queued != null && queuedDueNanos - due <= 0) {
            return; // the one queued runs first and sees whatever this one would have
        }
        try {
            ScheduledFuture<?> next = thread.schedule(this::run, delayMs, TimeUnit.MILLISECONDS);
            if (queued != null) {
                queued.cancel(false); // had it started meanwhile, it runs once more than needed: rounds are idempotent
            }
            queued = next;
            queuedDueNanos = due;
        } catch (RejectedExecutionException stopping) {
            LOG.debug("data node stopping: reconciliation round not scheduled");
        }
    }

    private void run() {
        synchronized (this) {
            queued = null; // from here on, a request queues a new round: this one may have read the state already
        }
        round.run();
    }

    @Override
    public void close() {
        NamedThreads.shutdown(thread);
    }
}
