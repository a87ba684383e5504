package io.roster.datastore.store;

import io.roster.common.model.ProcessId;
import io.roster.common.model.Publisher;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What sessions removed lately, with the session's registration-clock tick of each removal, so that a write or a
 * snapshot the session made before the removal cannot bring the publisher back when it reaches data after it (a
 * slot sync whose list was read before an unpublish, a publish write that waited in a queue). Entries are kept for
 * {@link #RETENTION_MS}, well past how long a request can be in flight; an entry is only ever compared with ticks of
 * the same session, whose clock never goes back.
 */
final class RecentRemovals {
    static final long RETENTION_MS = 60_000;

    private record Removal(long removedAt, long registeredBefore, long keptUntilMillis) {
    }

    private record Key(ProcessId session, String id) {
    }

    private final Map<Key, Removal> unpublished = new ConcurrentHashMap<>();
    private final Map<Key, Removal> clientsOff = new ConcurrentHashMap<>();
    private final AtomicLong lastPruneMillis = new AtomicLong();

    /** {@code session} dropped registration {@code registerId} at tick {@code removedAt}. */
    void unpublished(ProcessId session, String registerId, long removedAt, long nowMillis) {
        if (removedAt > 0) {
            unpublished.merge(new Key(session, registerId), new Removal(removedAt, removedAt, nowMillis + RETENTION_MS),
                    RecentRemovals::widest);
            prune(nowMillis);
        }
    }

    /** {@code session} dropped, at tick {@code removedAt}, every publisher of {@code clientId} registered up to {@code registeredBefore}. */
    void clientOff(ProcessId session, String clientId, long registeredBefore, long removedAt, long nowMillis) {
        if (removedAt > 0) {
            clientsOff.merge(new Key(session, clientId), new Removal(removedAt, registeredBefore, nowMillis + RETENTION_MS),
                    RecentRemovals::widest);
            prune(nowMillis);
        }
    }

    /**
     * Whether {@code p}, as its session knew it at tick {@code asOf}, was removed by that session after {@code asOf}:
     * then what {@code asOf} saw is stale and must not be applied. For a publish write, {@code asOf} is the
     * registration's own tick.
     */
    boolean removedSince(Publisher p, long asOf) {
        Removal r = unpublished.get(new Key(p.sessionProcessId(), p.registerId()));
        if (r != null && r.removedAt() > asOf && p.registerTimestamp() <= r.removedAt()) {
            return true;
        }
        Removal off = clientsOff.get(new Key(p.sessionProcessId(), p.clientId()));
        return off != null && off.removedAt() > asOf && p.registerTimestamp() <= off.registeredBefore();
    }

    /** Two removals of one key (two connections of a client closing out of order): what either covered stays covered. */
    private static Removal widest(Removal a, Removal b) {
        return new Removal(Math.max(a.removedAt(), b.removedAt()), Math.max(a.registeredBefore(), b.registeredBefore()),
                Math.max(a.keptUntilMillis(), b.keptUntilMillis()));
    }

    /** At most once a second, forgets the expired records: bounded by what sessions remove in one retention period. */
    private void prune(long nowMillis) {
        long last = lastPruneMillis.get();
        if (nowMillis - last >= 1000 && lastPruneMillis.compareAndSet(last, nowMillis)) {
            unpublished.values().removeIf(r -> r.keptUntilMillis() < nowMillis);
            clientsOff.values().removeIf(r -> r.keptUntilMillis() < nowMillis);
        }
    }
}
