package io.roster.chaos.run;

/** Milliseconds since the run started, from the monotonic clock: every event of a history is stamped with it. */
final class RunClock {
    private final long startNanos = System.nanoTime();

    long now() {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }
}
