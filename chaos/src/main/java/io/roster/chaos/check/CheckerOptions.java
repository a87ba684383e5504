package io.roster.chaos.check;

/**
 * The time limits a history is judged by.
 *
 * @param leaseMs            how long data keeps a silent session's publishers
 * @param debounceMs         how long a session may hold a change before pushing it
 * @param marginMs           slack for scheduling, GC and the recorder's own delay
 * @param convergenceBoundMs how long a change may take to reach every live subscriber
 * @param historyBeforeMs    how much history before a violation goes into it
 * @param historyAfterMs     how much history after a violation goes into it
 */
public record CheckerOptions(long leaseMs, long debounceMs, long marginMs, long convergenceBoundMs,
                             long historyBeforeMs, long historyAfterMs) {
    public static final long DEFAULT_HISTORY_BEFORE_MS = 5000;
    public static final long DEFAULT_HISTORY_AFTER_MS = 1000;

    public CheckerOptions {
        nonNegative(leaseMs, "leaseMs");
        nonNegative(debounceMs, "debounceMs");
        nonNegative(marginMs, "marginMs");
        nonNegative(convergenceBoundMs, "convergenceBoundMs");
        nonNegative(historyBeforeMs, "historyBeforeMs");
        nonNegative(historyAfterMs, "historyAfterMs");
    }

    /** Convergence bounded like ghosts, 5 s of history before a violation and 1 s after. */
    public static CheckerOptions of(long leaseMs, long debounceMs, long marginMs) {
        return new CheckerOptions(leaseMs, debounceMs, marginMs, leaseMs + debounceMs + marginMs,
                DEFAULT_HISTORY_BEFORE_MS, DEFAULT_HISTORY_AFTER_MS);
    }

    /**
     * How long a gone item may still be pushed: a publisher of a session that died unseen is only dropped when
     * its lease runs out, then the change waits out a debounce.
     */
    public long ghostBoundMs() {
        return leaseMs + debounceMs + marginMs;
    }

    public CheckerOptions withConvergenceBoundMs(long boundMs) {
        return new CheckerOptions(leaseMs, debounceMs, marginMs, boundMs, historyBeforeMs, historyAfterMs);
    }

    public CheckerOptions withHistoryWindow(long beforeMs, long afterMs) {
        return new CheckerOptions(leaseMs, debounceMs, marginMs, convergenceBoundMs, beforeMs, afterMs);
    }

    private static void nonNegative(long value, String name) {
        if (value < 0) {
            throw new IllegalArgumentException(name + " must not be negative: " + value);
        }
    }
}
