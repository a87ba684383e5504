package io.roster.session.registry;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Stamps registrations and disconnects with strictly increasing times (wall-clock millis, bumped when two events
 * share one). Client-off removes what registered no later than the disconnect (DESIGN.md invariant 4), so a
 * registration replayed in the same millisecond as the disconnect must still sort after it.
 */
public final class RegistrationClock {
    private final AtomicLong last = new AtomicLong();

    public long tick() {
        return last.accumulateAndGet(System.currentTimeMillis(), (prev, now) -> Math.max(prev + 1, now));
    }
}
