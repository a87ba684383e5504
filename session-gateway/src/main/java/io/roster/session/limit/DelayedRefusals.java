package io.roster.session.limit;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Answers a rate-limited call after a short delay instead of at once. A client that ignores RATE_LIMITED and sends
 * again as soon as it is answered (a flood with a fixed number of calls in flight) is then held to
 * in-flight / delay calls a second, instead of as many refusals as the session can write, which would take CPU from
 * everyone else's pushes. The SDK waits at least 50 ms before it retries anyway, so the delay costs it nothing.
 *
 * <p>A client that keeps many more calls in flight would only pile up waiting answers: once {@code maxPerConnection}
 * refusals of one connection wait, the session stops reading that connection ({@link Valve#pause()}) until half of
 * them went out, so the flood waits in its own socket buffers, not in the session. At most {@code maxPending}
 * answers wait in all (each is a timer task); beyond that a refusal is answered at once.
 */
public final class DelayedRefusals {
    /** Stops and restarts reading one client connection. */
    public interface Valve {
        void pause();

        void resume();
    }

    private static final Valve NONE = new Valve() {
        @Override
        public void pause() {
        }

        @Override
        public void resume() {
        }
    };

    private final ScheduledExecutorService timer;
    private final long delayMillis;
    private final int maxPending;
    private final int maxPerConnection;
    private final AtomicInteger pending = new AtomicInteger();
    private final Map<Object, Waiting> waiting = new ConcurrentHashMap<>();

    /** The refusals of one connection waiting now, and whether its reading is paused. Guarded by itself. */
    private static final class Waiting {
        int count;
        boolean paused;
    }

    /** @param timer where the delayed answers wait; null (or a delay of 0) answers at once */
    public DelayedRefusals(ScheduledExecutorService timer, long delayMillis, int maxPending, int maxPerConnection) {
        this.timer = timer;
        this.delayMillis = delayMillis;
        this.maxPending = maxPending;
        this.maxPerConnection = maxPerConnection;
    }

    /** Refusals answered at once (tests and embedders). */
    public static DelayedRefusals immediate() {
        return new DelayedRefusals(null, 0, 0, 1);
    }

    /** {@code refusal} without a connection to pause (see {@link #answer(Object, Object, Valve)}). */
    public <T> CompletionStage<T> answer(T refusal) {
        return answer(refusal, this, NONE);
    }

    /**
     * {@code refusal}, completed after the delay, or at once when the delay is off or too many are waiting.
     *
     * @param connection the client connection it answers; {@code valve} pauses and resumes its reading
     */
    public <T> CompletionStage<T> answer(T refusal, Object connection, Valve valve) {
        if (timer == null || delayMillis <= 0) {
            return CompletableFuture.completedFuture(refusal);
        }
        if (pending.incrementAndGet() > maxPending) {
            pending.decrementAndGet();
            return CompletableFuture.completedFuture(refusal);
        }
        Waiting w = waiting.computeIfAbsent(connection, c -> new Waiting());
        synchronized (w) {
            w.count++;
            if (w.count >= maxPerConnection && !w.paused) {
                w.paused = true;
                valve.pause();
            }
        }
        CompletableFuture<T> later = new CompletableFuture<>();
        Runnable answer = () -> {
            pending.decrementAndGet();
            synchronized (w) {
                w.count--;
                if (w.paused && w.count <= maxPerConnection / 2) {
                    w.paused = false;
                    valve.resume();
                }
                if (w.count == 0) {
                    waiting.remove(connection, w);
                }
            }
            later.complete(refusal);
        };
        try {
            timer.schedule(answer, delayMillis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) { // shutting down
            answer.run();
        }
        return later;
    }

    /** Refusals waiting for their delay now. */
    public int pending() {
        return Math.max(0, pending.get());
    }
}
