package io.roster.chaos.report;

/** The time limits the run was judged by, so that a report can be read without the command that made it. */
public record Bounds(long leaseMs, long debounceMs, long marginMs, long ghostBoundMs, long convergenceBoundMs) {
}
