package io.roster.meta.lease;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * The meta leader's in-memory record of when each revision was last known to be needed: reported in use by a
 * session heartbeat, or registered (a registration of a live digest counts too: an instance is about to use it).
 * Not replicated: a new leader starts with no history and counts every revision as touched when it became leader,
 * so it waits one full grace before collecting anything, which gives every session time to report to it.
 *
 * <p>Pure logic: time comes from an injected monotonic millisecond clock (the one {@link LeaseTracker} reads).
 * Thread-safe.
 */
public final class RevisionUseTracker {
    private final long graceMs;
    private final LongSupplier clockMs;
    private final Map<String, Long> lastTouched = new ConcurrentHashMap<>();
    private volatile long leaderSinceMs;

    /**
     * @param graceMs a revision neither reported nor registered for longer than this may be collected
     * @param clockMs monotonic milliseconds; never wall-clock time
     */
    public RevisionUseTracker(long graceMs, LongSupplier clockMs) {
        if (graceMs <= 0) {
            throw new IllegalArgumentException("graceMs must be positive, got " + graceMs);
        }
        this.graceMs = graceMs;
        this.clockMs = clockMs;
        this.leaderSinceMs = clockMs.getAsLong();
    }

    /** Forgets all history: this node has just become leader. */
    public void becameLeader() {
        lastTouched.clear();
        leaderSinceMs = clockMs.getAsLong();
    }

    /** A session reported these digests in use (or a registration named one): they are needed now. */
    public void touched(Collection<String> digests) {
        long now = clockMs.getAsLong();
        for (String d : digests) {
            if (d != null) {
                lastTouched.put(d, now);
            }
        }
    }

    public void touched(String digest) {
        touched(List.of(digest));
    }

    /** Milliseconds since {@code digest} was last touched, or since this node became leader if never. */
    public long millisSinceTouched(String digest, long nowMs) {
        return Math.max(0, nowMs - lastTouched.getOrDefault(digest, leaderSinceMs));
    }

    /** Whether {@code digest} had gone unused for longer than the grace at {@code nowMs}. */
    public boolean isIdle(String digest, long nowMs) {
        return millisSinceTouched(digest, nowMs) > graceMs;
    }

    /** The digests among {@code live} idle at {@code nowMs}, in the given order. */
    public List<String> idle(Collection<String> live, long nowMs) {
        List<String> out = new ArrayList<>();
        for (String d : live) {
            if (isIdle(d, nowMs)) {
                out.add(d);
            }
        }
        return out;
    }

    /** Drops the history of digests outside {@code live} idle for a grace (reports of unknown or collected ones). */
    public void prune(Set<String> live, long nowMs) {
        lastTouched.keySet().removeIf(d -> !live.contains(d) && isIdle(d, nowMs));
    }

    public long graceMs() {
        return graceMs;
    }
}
