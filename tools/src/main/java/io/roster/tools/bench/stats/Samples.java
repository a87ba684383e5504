package io.roster.tools.bench.stats;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Measured durations of repeated runs, with the figures the benchmark reports. */
public record Samples(List<Duration> values) {
    public Samples {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("no samples");
        }
        values = List.copyOf(values);
    }

    /** The middle value; for an even count the mean of the two middle ones. */
    public Duration median() {
        List<Duration> sorted = sorted();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : sorted.get(n / 2 - 1).plus(sorted.get(n / 2)).dividedBy(2);
    }

    public Duration max() {
        return sorted().get(values.size() - 1);
    }

    public Duration min() {
        return sorted().get(0);
    }

    private List<Duration> sorted() {
        List<Duration> s = new ArrayList<>(values);
        s.sort(null);
        return s;
    }

    public static String ms(Duration d) {
        return d.toMillis() + " ms";
    }
}
