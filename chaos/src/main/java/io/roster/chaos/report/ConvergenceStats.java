package io.roster.chaos.report;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * How long changes took until every live subscriber had been pushed the new state. Percentiles are exact
 * (nearest rank over the sorted times); all are 0 when {@code count} is 0.
 *
 * @param count     changes that converged while someone was subscribed, whatever they took
 * @param unwatched changes that converged with no live subscriber of their dataId: nothing to measure, so they
 *                  are left out of the figures rather than counted as 0 ms
 */
public record ConvergenceStats(int count, long p50Ms, long p99Ms, long maxMs, int unwatched) {

    public static ConvergenceStats of(List<Long> timesMs, int unwatched) {
        List<Long> sorted = new ArrayList<>(timesMs);
        Collections.sort(sorted);
        if (sorted.isEmpty()) {
            return new ConvergenceStats(0, 0, 0, 0, unwatched);
        }
        return new ConvergenceStats(sorted.size(), rank(sorted, 50), rank(sorted, 99),
                sorted.get(sorted.size() - 1), unwatched);
    }

    /** The smallest value that at least {@code percent}% of the values do not exceed. */
    private static long rank(List<Long> sorted, int percent) {
        int rank = (int) Math.ceil(percent / 100.0 * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }
}
