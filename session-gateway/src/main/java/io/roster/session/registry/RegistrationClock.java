package io.roster.session.registry;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.LongFunction;

/**
 * Stamps registrations and disconnects with strictly increasing times (wall-clock millis, bumped when two events
 * share one). Client-off removes what registered no later than the disconnect (ARCHITECTURE.md invariant 4), so a
 * registration replayed in the same millisecond as the disconnect must still sort after it.
 *
 * <p>Reconciliation with data also relies on the order: a snapshot of the registry sent with stamp S lets data
 * remove this session's publishers registered at or before S that the snapshot lacks. That is only safe if every
 * publisher stamped before S is already in the registry when the snapshot is read, so a publisher is stamped and
 * stored inside {@link #register}, and a snapshot's stamp comes from {@link #snapshotTick}, which waits for the
 * registrations in between to finish.
 */
public final class RegistrationClock {
    private final AtomicLong last = new AtomicLong();
    /** Shared by registrations (they never wait for each other), exclusive for the instant a snapshot ticks. */
    private final ReadWriteLock fence = new ReentrantReadWriteLock();

    public long tick() {
        return last.accumulateAndGet(System.currentTimeMillis(), (prev, now) -> Math.max(prev + 1, now));
    }

    /**
     * Ticks and runs {@code store} with the stamp; {@code store} must put the registration into the registry (and do
     * nothing slow: no I/O). No {@link #snapshotTick} returns until it is done.
     */
    public <T> T register(LongFunction<T> store) {
        fence.readLock().lock();
        try {
            return store.apply(tick());
        } finally {
            fence.readLock().unlock();
        }
    }

    /**
     * Ticks and runs {@code change} with the stamp while no {@link #register} is under way and none starts: an
     * operator's lever applied to the registry sees every registration stamped before and none after.
     */
    public <T> T exclusively(LongFunction<T> change) {
        fence.writeLock().lock();
        try {
            return change.apply(tick());
        } finally {
            fence.writeLock().unlock();
        }
    }

    /**
     * A tick for a registry snapshot about to be read: every publisher stamped at or before it by {@link #register}
     * is already in the registry, and every one registered later gets a higher stamp.
     */
    public long snapshotTick() {
        fence.writeLock().lock();
        try {
            return tick();
        } finally {
            fence.writeLock().unlock();
        }
    }
}
