package io.roster.client.session;

import java.time.Duration;

/** A delay that doubles on every use, from min up to max, until reset. Not thread-safe: one per retrying loop. */
public final class Backoff {
    private final long minMillis;
    private final long maxMillis;
    private long nextMillis;

    public Backoff(Duration min, Duration max) {
        this.minMillis = min.toMillis();
        this.maxMillis = Math.max(minMillis, max.toMillis());
        this.nextMillis = minMillis;
    }

    /** The delay to wait now; the following one is twice as long, at most max. */
    public long next() {
        long delay = nextMillis;
        nextMillis = Math.min(maxMillis, nextMillis * 2);
        return delay;
    }

    /** The next delay is min again. */
    public void reset() {
        nextMillis = minMillis;
    }

    public long maxMillis() {
        return maxMillis;
    }
}
