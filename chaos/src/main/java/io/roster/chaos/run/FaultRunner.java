package io.roster.chaos.run;

import io.roster.chaos.history.HistoryWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Plays a fault schedule against the cluster on its own thread, one planned fault (or overlapping pair) at a time
 * and at least {@link FaultPlan#MIN_GAP_MS} apart, each start and end recorded. {@link #stopAndRestore()} ends the
 * faults under way (restarts, resumes, un-skews or heals their nodes) before it returns, so the quiet phase of the
 * run starts with every node up and every link whole.
 */
final class FaultRunner {
    private static final Logger LOG = LoggerFactory.getLogger(FaultRunner.class);

    private final ClusterControl cluster;
    private final List<PlannedFault> plan;
    private final HistoryWriter history;
    private final RunClock clock;
    private final long windowStart;
    private final Thread thread;
    private final AtomicInteger injected = new AtomicInteger();
    private volatile boolean stopping;
    private volatile RuntimeException failure;

    FaultRunner(ClusterControl cluster, List<PlannedFault> plan, HistoryWriter history, RunClock clock) {
        this.cluster = cluster;
        this.plan = List.copyOf(plan);
        this.history = history;
        this.clock = clock;
        this.windowStart = clock.now();
        this.thread = new Thread(this::play, "chaos-faults");
    }

    void start() {
        thread.start();
    }

    private void play() {
        try {
            long lastEnd = windowStart;
            for (PlannedFault f : plan) {
                // A restart that took longer than planned pushes the next fault back: the gap is always kept.
                if (!sleepUntil(Math.max(windowStart + f.atMs(), lastEnd + FaultPlan.MIN_GAP_MS))) {
                    return;
                }
                inject(f);
                lastEnd = clock.now();
            }
        } catch (RuntimeException e) {
            failure = e;
            LOG.error("fault injection failed", e);
        }
    }

    /** The faults always end, even when the run stops meanwhile: the quiet phase needs every node back. */
    private void inject(PlannedFault f) {
        ActiveFault first = ActiveFault.begin(cluster, history, clock, f.kind(), f.targetIndex(), f.durationMs());
        countAndLog(first);
        long firstEnd = clock.now() + f.durationMs();
        PlannedFault.Overlap o = f.second();
        if (o == null) {
            sleepUntil(firstEnd);
            end(first);
            return;
        }
        boolean go = waitWhileRunning(clock.now() + o.afterMs());
        ActiveFault second = go ? ActiveFault.begin(cluster, history, clock, o.kind(), o.targetIndex(),
                o.durationMs()) : null;
        if (second == null) {
            sleepUntil(firstEnd);
            end(first);
            return;
        }
        countAndLog(second);
        long secondEnd = clock.now() + o.durationMs();
        if (secondEnd < firstEnd) {
            sleepUntil(secondEnd);
            end(second);
            sleepUntil(firstEnd);
            end(first);
        } else {
            sleepUntil(firstEnd);
            end(first);
            sleepUntil(secondEnd);
            end(second);
        }
    }

    private void countAndLog(ActiveFault a) {
        if (a != null) {
            LOG.info("fault {}: {}", injected.incrementAndGet(), a);
        }
    }

    private void end(ActiveFault a) {
        if (a != null) {
            a.end();
        }
    }

    /** Sleeps until run time {@code t} unless the run stops; true if it got there. */
    private boolean waitWhileRunning(long t) {
        return sleepUntil(t) && !stopping;
    }

    /** Sleeps until run time {@code t}; false if the run is stopping (the sleep is cut short). */
    private boolean sleepUntil(long t) {
        while (clock.now() < t) {
            if (stopping) {
                return false;
            }
            try {
                Thread.sleep(Math.min(100, Math.max(1, t - clock.now())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    /** Stops injecting; the faults under way end first (their nodes restarted, resumed or healed). */
    void stopAndRestore() {
        stopping = true;
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (failure != null) {
            throw new IllegalStateException("fault injection failed: " + failure.getMessage(), failure);
        }
    }

    int injected() {
        return injected.get();
    }
}
