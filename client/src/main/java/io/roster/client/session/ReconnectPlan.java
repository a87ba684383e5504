package io.roster.client.session;

import java.time.Duration;
import java.util.List;

/**
 * Which session to try next and how long to wait first. Each failed attempt moves on to the following address and
 * waits a doubling delay, from min up to max. A lost connection moves on at once only if it had been up for
 * {@link #stableMillis()}; one that died sooner counts as a failed attempt. Otherwise a session that accepts and
 * closes at once would make a zero-delay connect/close loop. For the same reason only such a stable connection resets
 * the delay. Not thread-safe: the session link calls it under its lock.
 */
public final class ReconnectPlan {
    /** The shortest uptime that counts as stable whatever the backoff: below this, reconnecting at once could spin. */
    static final long MIN_STABLE_MILLIS = 1000;

    private final List<String> addresses;
    private final Backoff backoff;
    private final long stableMillis;
    private int index;

    public ReconnectPlan(List<String> addresses, Duration min, Duration max) {
        if (addresses.isEmpty()) {
            throw new IllegalArgumentException("no session address");
        }
        this.addresses = List.copyOf(addresses);
        this.backoff = new Backoff(min, max);
        // With uptime >= max backoff, immediate reconnects are never more frequent than a fully backed-off loop.
        this.stableMillis = Math.max(MIN_STABLE_MILLIS, backoff.maxMillis());
    }

    /** The address the next attempt goes to. */
    public String address() {
        return addresses.get(index);
    }

    /** Records a failed attempt: moves on to the next address and returns the delay before trying it. */
    public long onAttemptFailed() {
        index = (index + 1) % addresses.size();
        return backoff.next();
    }

    /**
     * Records the loss of the connection to {@link #address()}, which had been up {@code uptimeMillis}: moves on to
     * the next address and returns the delay before trying it, 0 after a stable connection.
     */
    public long onLost(long uptimeMillis) {
        if (uptimeMillis < stableMillis) {
            return onAttemptFailed();
        }
        backoff.reset();
        index = (index + 1) % addresses.size();
        return 0;
    }

    /** How long a connection must have been up for its loss to be retried at once. */
    public long stableMillis() {
        return stableMillis;
    }

    public List<String> addresses() {
        return addresses;
    }
}
