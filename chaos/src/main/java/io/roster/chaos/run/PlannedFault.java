package io.roster.chaos.run;

/**
 * One fault of a run's schedule: at {@code atMs} after the checked window opens, {@code kind} hits the
 * {@code targetIndex}-th node of its role (modulo their number) for {@code durationMs}. {@code second}, when there
 * is one, starts while this one is still active: two faults at once, of a pair the cluster must tolerate.
 */
public record PlannedFault(long atMs, FaultKind kind, int targetIndex, long durationMs, Overlap second) {
    public PlannedFault(long atMs, FaultKind kind, int targetIndex, long durationMs) {
        this(atMs, kind, targetIndex, durationMs, null);
    }

    /** The second fault of a pair: it starts {@code afterMs} after the first, which is still active then. */
    public record Overlap(long afterMs, FaultKind kind, int targetIndex, long durationMs) {
    }

    /** When the last of the two ends, relative to {@link #atMs}. */
    public long spanMs() {
        return second == null ? durationMs : Math.max(durationMs, second.afterMs() + second.durationMs());
    }
}
