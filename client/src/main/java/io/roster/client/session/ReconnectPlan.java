package io.roster.client.session;

import java.time.Duration;
import java.util.List;

/**
 * Which session to try next and how long to wait first. After a lost connection the next address is tried at once
 * (the lost one just failed); each failed attempt moves on to the following address and doubles the delay, from min up
 * to max; a successful connection resets the delay. Not thread-safe: the session link calls it under its lock.
 */
public final class ReconnectPlan {
    private final List<String> addresses;
    private final long minMillis;
    private final long maxMillis;
    private int index;
    private long nextDelayMillis;

    public ReconnectPlan(List<String> addresses, Duration min, Duration max) {
        if (addresses.isEmpty()) {
            throw new IllegalArgumentException("no session address");
        }
        this.addresses = List.copyOf(addresses);
        this.minMillis = min.toMillis();
        this.maxMillis = Math.max(minMillis, max.toMillis());
        this.nextDelayMillis = minMillis;
    }

    /** The address the next attempt goes to. */
    public String address() {
        return addresses.get(index);
    }

    /** Records a failed attempt: moves on to the next address and returns the delay before trying it. */
    public long onAttemptFailed() {
        index = (index + 1) % addresses.size();
        long delay = nextDelayMillis;
        nextDelayMillis = Math.min(maxMillis, nextDelayMillis * 2);
        return delay;
    }

    /** Records a working connection (replay done): the next failure starts from the minimum delay again. */
    public void onConnected() {
        nextDelayMillis = minMillis;
    }

    /** Records the loss of the connection to {@link #address()}: the next attempt goes to the following address. */
    public void onLost() {
        index = (index + 1) % addresses.size();
    }

    public List<String> addresses() {
        return addresses;
    }
}
