package io.roster.chaos.run;

/**
 * One fault of a run's schedule: at {@code atMs} after the checked window opens, {@code kind} hits the
 * {@code targetIndex}-th node of its role (modulo their number) for {@code durationMs}.
 */
public record PlannedFault(long atMs, FaultKind kind, int targetIndex, long durationMs) {
}
