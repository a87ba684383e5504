package io.roster.chaos.run;

import io.roster.chaos.history.Event;
import io.roster.chaos.history.HistoryWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Plays a fault schedule against the cluster on its own thread, one fault at a time and at least
 * {@link FaultPlan#MIN_GAP_MS} apart: kill -9 then restart, or SIGSTOP then SIGCONT, each start and end recorded. {@link #stopAndRestore()} ends the fault under way (restarts
 * or resumes its node) before it returns, so the quiet phase of the run starts with every node up.
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

    private void inject(PlannedFault f) {
        List<Target> candidates = cluster.targets().stream().filter(t -> t.role().equals(f.kind().role())).toList();
        if (candidates.isEmpty()) {
            return;
        }
        Target target = candidates.get(f.targetIndex() % candidates.size());
        String kind = f.kind().action();
        LOG.info("fault {}: {} {} for {} ms", injected.get() + 1, kind, target.name(), f.durationMs());
        long start = clock.now(); // stamped before the signal: the checker's windows must not open late
        if (kind.equals("kill")) {
            cluster.kill(target);
        } else {
            cluster.pause(target);
        }
        history.append(new Event.Fault(start, kind, target.role(), target.address(), Event.Phase.START));
        injected.incrementAndGet();
        // The fault always ends, even when the run stops meanwhile: the quiet phase needs every node back.
        sleepUntil(clock.now() + f.durationMs());
        if (kind.equals("kill")) {
            cluster.restart(target);
        } else {
            cluster.resume(target);
        }
        history.append(new Event.Fault(clock.now(), kind, target.role(), target.address(), Event.Phase.END));
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

    /** Stops injecting; the fault under way ends first (its node restarted or resumed). */
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
