package io.roster.common.retry;

import java.time.Duration;

/**
 * How long to wait before retry number {@code attempt}: {@code min} first, doubling each attempt, never more than
 * {@code max}. Immutable and free of clocks, so every retrying loop in Roster (the client's reconnects, a session's
 * background retries and push re-reads, data's promotion rounds) uses the same rule and tests can ask it for a delay
 * instead of waiting one out. A loop that keeps its own count uses {@link #delayMillis(int)}; one that only knows
 * "again" or "it worked" holds a {@link Sequence}.
 */
public record Backoff(long minMillis, long maxMillis) {

    public Backoff {
        if (minMillis < 0) {
            throw new IllegalArgumentException("backoff min must not be negative, got " + minMillis + " ms");
        }
        maxMillis = Math.max(minMillis, maxMillis);
    }

    public static Backoff ofMillis(long minMillis, long maxMillis) {
        return new Backoff(minMillis, maxMillis);
    }

    public static Backoff of(Duration min, Duration max) {
        return new Backoff(min.toMillis(), max.toMillis());
    }

    /** The delay before retry {@code attempt} (1 for the first retry): min times 2^(attempt-1), at most max. */
    public long delayMillis(int attempt) {
        if (attempt <= 1 || minMillis == 0) {
            return minMillis;
        }
        int doublings = Math.min(attempt - 1, 62);
        long delay = minMillis << doublings;
        // A shift that overflowed (or lost the top bit) is past any max we could hold.
        return delay >>> doublings != minMillis || delay < 0 ? maxMillis : Math.min(maxMillis, delay);
    }

    /** A counter over this backoff for one retrying loop. Not thread-safe. */
    public Sequence sequence() {
        return new Sequence(this);
    }

    /** The delays of one retrying loop: each {@link #next()} the following delay, until {@link #reset()}. */
    public static final class Sequence {
        private final Backoff backoff;
        private int attempt;

        private Sequence(Backoff backoff) {
            this.backoff = backoff;
        }

        /** The delay to wait now; the following one is twice as long, at most max. */
        public long next() {
            if (attempt < Integer.MAX_VALUE) {
                attempt++;
            }
            return backoff.delayMillis(attempt);
        }

        /** The next delay is min again. */
        public void reset() {
            attempt = 0;
        }

        /** How many delays were handed out since the last reset. */
        public int attempts() {
            return attempt;
        }

        public Backoff backoff() {
            return backoff;
        }
    }
}
