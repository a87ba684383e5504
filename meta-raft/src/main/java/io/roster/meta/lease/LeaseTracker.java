package io.roster.meta.lease;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * The meta leader's in-memory record of when it last heard each node, by address. Not replicated: a new leader
 * starts with no history, so it counts every node as heard at the moment it became leader. That alone makes a new
 * leader wait one full lease before it can expire anyone, which gives every live node time to find it.
 *
 * <p>Pure logic: time comes from an injected monotonic millisecond clock. Thread-safe.
 */
public final class LeaseTracker {
    private final long leaseMs;
    private final LongSupplier clockMs;
    private final Map<String, Long> lastHeard = new ConcurrentHashMap<>();
    private volatile long leaderSinceMs;

    /**
     * @param leaseMs a node not heard for longer than this is expired
     * @param clockMs monotonic milliseconds (e.g. {@code System.nanoTime() / 1_000_000}); never wall-clock time,
     *                which can jump
     */
    public LeaseTracker(long leaseMs, LongSupplier clockMs) {
        if (leaseMs <= 0) {
            throw new IllegalArgumentException("leaseMs must be positive, got " + leaseMs);
        }
        this.leaseMs = leaseMs;
        this.clockMs = clockMs;
        this.leaderSinceMs = clockMs.getAsLong();
    }

    /** Forgets all history: this node has just become leader. */
    public void becameLeader() {
        lastHeard.clear();
        leaderSinceMs = clockMs.getAsLong();
    }

    public void heard(String address) {
        lastHeard.put(address, clockMs.getAsLong());
    }

    /** Now, by the clock this tracker reads: what the other methods compare against. */
    public long nowMs() {
        return clockMs.getAsLong();
    }

    /** Milliseconds since {@code address} was last heard, or since this node became leader if never. */
    public long millisSinceHeard(String address) {
        return millisSinceHeard(address, clockMs.getAsLong());
    }

    /** {@link #millisSinceHeard(String)} at {@code nowMs} (a time read from {@link #nowMs()}). */
    public long millisSinceHeard(String address, long nowMs) {
        return Math.max(0, nowMs - lastHeard.getOrDefault(address, leaderSinceMs));
    }

    public boolean isExpired(String address) {
        return isExpired(address, clockMs.getAsLong());
    }

    /** Whether {@code address}'s lease had run out at {@code nowMs}. */
    public boolean isExpired(String address, long nowMs) {
        return millisSinceHeard(address, nowMs) > leaseMs;
    }

    /** The addresses among {@code addresses} whose lease has run out, in the given order. */
    public List<String> expired(Collection<String> addresses) {
        List<String> out = new ArrayList<>();
        for (String a : addresses) {
            if (isExpired(a)) {
                out.add(a);
            }
        }
        return out;
    }

    /**
     * Drops the history of addresses outside {@code keep} that have not been heard for a lease. A recently heard
     * address is kept even if not yet in {@code keep}: its join may still be on its way through the log.
     */
    public void prune(Set<String> keep) {
        lastHeard.keySet().removeIf(a -> !keep.contains(a) && isExpired(a));
    }

    public long leaseMs() {
        return leaseMs;
    }
}
