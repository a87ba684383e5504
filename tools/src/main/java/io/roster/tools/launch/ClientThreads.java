package io.roster.tools.launch;

import io.netty.channel.EventLoopGroup;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Ends bolt's client I/O threads before a CLI process exits. Bolt keeps them in one static event-loop group that no
 * client's shutdown ends; they wait in epoll, i.e. in native code, and HotSpot's exit waits up to 300 ms for threads in
 * native code to stop, which a command that took 200 ms would pay on every run.
 */
public final class ClientThreads {
    /** The thread-name prefix bolt gives the group's threads; none alive means the group was never made. */
    static final String BOLT_WORKER_PREFIX = "bolt-netty-client-worker";
    private static final String FACTORY = "com.alipay.remoting.connection.AbstractConnectionFactory";

    private ClientThreads() {
    }

    /**
     * Shuts the group down and waits for its threads (at most {@code waitMs}); returns whether they ended. Does nothing
     * (true) when no bolt client ran, so that a command without one does not load bolt just to exit.
     */
    public static boolean release(long waitMs) {
        if (!boltWorkersAlive()) {
            return true;
        }
        try {
            Field field = Class.forName(FACTORY).getDeclaredField("workerGroup");
            field.setAccessible(true);
            EventLoopGroup group = (EventLoopGroup) field.get(null);
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(waitMs);
            group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
            for (Thread t : boltWorkers()) {
                t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            }
            return !boltWorkersAlive();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return false; // another bolt version: the process still exits, only as slowly as before
        }
    }

    static boolean boltWorkersAlive() {
        return !boltWorkers().isEmpty();
    }

    private static List<Thread> boltWorkers() {
        Thread[] threads = new Thread[Thread.activeCount() + 16];
        int n = Thread.enumerate(threads);
        List<Thread> workers = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (threads[i].getName().startsWith(BOLT_WORKER_PREFIX)) {
                workers.add(threads[i]);
            }
        }
        return workers;
    }
}
