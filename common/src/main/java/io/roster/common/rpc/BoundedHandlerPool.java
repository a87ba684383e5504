package io.roster.common.rpc;

import io.roster.common.util.NamedThreads;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * Handler threads for {@link RequestHandler}s with a bounded queue. A request that finds the queue full is not
 * queued: bolt's IO thread runs it at once, marked as refused, and its handler answers a retryable
 * {@code UNAVAILABLE} naming the overload without doing any of its work (so the IO thread never blocks). Left to
 * bolt, the rejection would reach the caller as a SERVER_THREADPOOL_BUSY failure instead of the handler's reply type.
 * Give it to RequestHandlers only: any other processor's task would run whole on the IO thread.
 */
public final class BoundedHandlerPool implements Executor, AutoCloseable {
    private final String name;
    private final int threads;
    private final int queueCapacity;
    private final ThreadPoolExecutor pool;
    /** Per instance, not static: set only while the IO thread runs a request this pool had no room for. */
    private final ThreadLocal<Boolean> refusing = new ThreadLocal<>();
    private final LongAdder refused = new LongAdder();

    public BoundedHandlerPool(String name, int threads, int queueCapacity) {
        this.name = name;
        this.threads = threads;
        this.queueCapacity = queueCapacity;
        this.pool = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(queueCapacity),
                NamedThreads.factory(name));
    }

    @Override
    public void execute(Runnable request) {
        try {
            pool.execute(request);
        } catch (RejectedExecutionException full) {
            refused.increment();
            refusing.set(Boolean.TRUE);
            try {
                request.run();
            } finally {
                refusing.remove();
            }
        }
    }

    /** Whether the request being handled on this thread is one this pool had no room for. */
    boolean refusingOnThisThread() {
        return refusing.get() != null;
    }

    /** The message of the UNAVAILABLE answer to a refused {@code requestName}. */
    String refusal(String requestName) {
        if (pool.isShutdown()) {
            return requestName + " refused: this node is stopping; retry on another";
        }
        return requestName + " refused: " + name + " overloaded (all " + threads + " handler threads busy and " + queueCapacity
                + " requests queued); retry later";
    }

    /** Requests refused so far. */
    public long refusedCount() {
        return refused.sum();
    }

    /** Requests waiting for a handler thread now. */
    public int queued() {
        return pool.getQueue().size();
    }

    @Override
    public void close() {
        NamedThreads.shutdown(pool);
    }
}
