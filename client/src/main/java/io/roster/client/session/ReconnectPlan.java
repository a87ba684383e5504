package io.roster.client.session;

import io.roster.common.retry.Backoff;

import java.util.List;

/**
 * Which session to try next and how long to wait first. Each failed attempt moves on to the following address and
 * waits a doubling delay, from min up to max. A lost connection moves on at once only if it had been up for
 * {@link #stableMillis()}; one that died sooner counts as a failed attempt. Otherwise a session that accepts and
 * closes at once would make a zero-delay connect/close loop. For the same reason only such a stable connection resets
 * the delay. Not thread-safe: the {@link LinkStateMachine} uses it, under the session link's lock.
 */
public final class ReconnectPlan {
    /** The shortest uptime that counts as stable whatever the backoff: below this, reconnecting at once could spin. */
    static final long MIN_STABLE_MILLIS = 1000;

    private final SessionDirectory directory;
    private final Backoff.Sequence delays;
    private final long stableMillis;
    private int index;

    public ReconnectPlan(List<String> addresses, Backoff backoff) {
        this(fixed(addresses), backoff);
    }

    public ReconnectPlan(SessionDirectory directory, Backoff backoff) {
        this.directory = directory;
        this.delays = backoff.sequence();
        // With uptime >= max backoff, immediate reconnects are never more frequent than a fully backed-off loop.
        this.stableMillis = Math.max(MIN_STABLE_MILLIS, backoff.maxMillis());
    }

    private static SessionDirectory fixed(List<String> addresses) {
        if (addresses.isEmpty()) {
            throw new IllegalArgumentException("no session address");
        }
        return SessionDirectory.fixed(addresses);
    }

    /** The address the next attempt goes to, or null when the directory has none (meta not reached yet). */
    public String address() {
        List<String> now = directory.addresses();
        return now.isEmpty() ? null : now.get(Math.floorMod(index, now.size()));
    }

    /** Records a failed attempt: moves on to the next address and returns the delay before trying it. */
    public long onAttemptFailed() {
        index++;
        directory.refreshSoon();
        return delays.next();
    }

    /**
     * Records the loss of the connection to {@link #address()}, which had been up {@code uptimeMillis}: moves on to
     * the next address and returns the delay before trying it, 0 after a stable connection.
     */
    public long onLost(long uptimeMillis) {
        if (uptimeMillis < stableMillis) {
            return onAttemptFailed();
        }
        delays.reset();
        index++;
        directory.refreshSoon();
        return 0;
    }

    /** How long a connection must have been up for its loss to be retried at once. */
    public long stableMillis() {
        return stableMillis;
    }

    public List<String> addresses() {
        return directory.addresses();
    }

    /** Where the addresses come from, for error messages. */
    public String describe() {
        return directory.describe();
    }
}
