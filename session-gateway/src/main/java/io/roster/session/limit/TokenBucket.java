package io.roster.session.limit;

import java.util.function.LongSupplier;

/**
 * One token bucket: starts full ({@code burst} tokens), refills at {@code perSecond}, never holds more than the burst.
 * Time comes from an injected nanosecond clock, so tests step it instead of sleeping. Refills are computed in
 * nanoseconds of credit, not fractional tokens, so no rounding drifts the rate. Thread-safe; a take is a few
 * arithmetic operations under the bucket's own lock.
 */
public final class TokenBucket {
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final RateLimit limit;
    private final LongSupplier nanoClock;
    /** Nanoseconds one token takes to refill. */
    private final long nanosPerToken;
    /** The clock reading at which the bucket would be empty; the bucket holds (now - emptyAt) / nanosPerToken tokens. */
    private long emptyAt;

    public TokenBucket(RateLimit limit, LongSupplier nanoClock) {
        if (limit.unlimited()) {
            throw new IllegalArgumentException("an unlimited rate needs no bucket: " + limit);
        }
        this.limit = limit;
        this.nanoClock = nanoClock;
        this.nanosPerToken = Math.max(1, NANOS_PER_SECOND / limit.perSecond());
        this.emptyAt = nanoClock.getAsLong() - capacityNanos();
    }

    private long capacityNanos() {
        long burst = limit.burst();
        return burst > Long.MAX_VALUE / nanosPerToken / 4 ? Long.MAX_VALUE / 4 : burst * nanosPerToken;
    }

    /** Takes one token and returns true, or returns false and takes nothing when the bucket is empty. */
    public synchronized boolean tryTake() {
        long now = nanoClock.getAsLong();
        long floor = now - capacityNanos();
        if (emptyAt - floor < 0) {
            emptyAt = floor; // full: the credit of a longer quiet spell is not kept
        }
        if (now - emptyAt < nanosPerToken) {
            return false;
        }
        emptyAt += nanosPerToken;
        return true;
    }

    /** Puts back a token just taken (the call it was for was refused further on). */
    public synchronized void giveBack() {
        emptyAt -= nanosPerToken;
    }

    /** Nanoseconds until a token is there; 0 when one is now. */
    public synchronized long nanosUntilToken() {
        long now = nanoClock.getAsLong();
        long missing = nanosPerToken - (now - emptyAt);
        return Math.max(0, missing);
    }

    /** Whole tokens now in the bucket. */
    public synchronized long available() {
        long now = nanoClock.getAsLong();
        return Math.min(limit.burst(), Math.max(0, (now - emptyAt) / nanosPerToken));
    }

    public RateLimit limit() {
        return limit;
    }
}
