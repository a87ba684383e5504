package io.roster.client;

import io.roster.common.retry.Backoff;
import io.roster.common.wire.ErrorCode;
import io.roster.common.wire.Reply;

import java.util.concurrent.atomic.LongAdder;

/**
 * The retries of one call whose session answered a retryable error ({@code NOT_LEADER}, {@code SLOT_NOT_OWNED},
 * {@code SLOT_NOT_READY}, {@code UNAVAILABLE}, {@code RATE_LIMITED}): a slot leader failing over, a slot being
 * reconciled, a session whose handlers are all busy, a client or session over its registration rate. Sending the same
 * request again is safe: a registration is idempotent by (registerId, version) and a removal by registerId. So a
 * failover costs the caller latency, not an error, up to a deadline. {@code RATE_LIMITED} has no deadline: the session
 * is up and answering, and takes the call once its rate allows, so giving up would lose a registration for nothing.
 */
final class RetryableAnswers {
    /** 50 ms first, doubling up to 1 s. */
    private static final Backoff WAITS = Backoff.ofMillis(50, 1000);

    private final long deadlineNanos;
    private final Backoff.Sequence waits = WAITS.sequence();
    /** Counts RATE_LIMITED answers (the client's {@link RetryStats}). */
    private final LongAdder rateLimited;

    /** @param deadlineNanos a {@link System#nanoTime()} value after which a retryable answer is the caller's error */
    RetryableAnswers(long deadlineNanos) {
        this(deadlineNanos, new LongAdder());
    }

    /** @param rateLimited counts the RATE_LIMITED answers this call gets */
    RetryableAnswers(long deadlineNanos, LongAdder rateLimited) {
        this.deadlineNanos = deadlineNanos;
        this.rateLimited = rateLimited;
    }

    /**
     * Waits before the next try and returns true, or returns false at once when {@code reply} is final or no try
     * would start before the deadline.
     */
    boolean waitToRetry(Reply reply) {
        long waitMillis = nextWaitMillis(reply);
        if (waitMillis < 0) {
            return false;
        }
        try {
            Thread.sleep(waitMillis);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RosterException("interrupted while waiting to send a call again after: " + reply, e);
        }
    }

    /**
     * How long to wait before the next try, for a caller that waits without a thread; -1 when {@code reply} is final
     * or no try would start before the deadline.
     */
    long nextWaitMillis(Reply reply) {
        if (!reply.code().retryable()) {
            return -1;
        }
        long waitMillis = waits.next();
        if (reply.code() == ErrorCode.RATE_LIMITED) {
            rateLimited.increment();
            return waitMillis;
        }
        return System.nanoTime() + waitMillis * 1_000_000L >= deadlineNanos ? -1 : waitMillis;
    }
}
