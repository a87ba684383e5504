package io.roster.tools.cli;

import java.util.concurrent.CountDownLatch;

/** Holds a long-running command until it is stopped: by Ctrl-C / SIGTERM, or by {@link #stop()} from code. */
final class StopSignal {
    private final CountDownLatch stopped = new CountDownLatch(1);

    void stop() {
        stopped.countDown();
    }

    /** Blocks until stopped; a JVM shutdown counts as a stop, and the hook is removed again otherwise. */
    void await(String name) throws InterruptedException {
        Thread hook = new Thread(this::stop, name);
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            stopped.await();
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException ignored) {
                // the JVM is already shutting down
            }
        }
    }
}
