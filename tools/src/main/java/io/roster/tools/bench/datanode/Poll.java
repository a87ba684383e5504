package io.roster.tools.bench.datanode;

import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** Busy-ish polling for the benchmark: a 1 ms pause between probes keeps the timing error at about a millisecond. */
final class Poll {
    private Poll() {
    }

    /** Waits until {@code condition} holds; returns the nanoTime at which it was first seen to hold. */
    static long until(BooleanSupplier condition, long timeoutMs, String what) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        while (true) {
            if (condition.getAsBoolean()) {
                return System.nanoTime();
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("gave up waiting for " + what + " after " + timeoutMs + " ms");
            }
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + what);
            }
        }
    }

    static long millisSince(long startNanos, long endNanos) {
        return TimeUnit.NANOSECONDS.toMillis(endNanos - startNanos);
    }
}
