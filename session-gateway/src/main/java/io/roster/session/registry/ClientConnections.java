package io.roster.session.registry;


import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The client connections with registrations in a {@link ClientRegistry}, and the gate that keeps anything from
 * being stored over a connection once its close was handled: that close is handled once, and nothing stored after
 * it would ever go. Stores run under their connection's read lock and are refused once it is closed; closing takes
 * the write lock, so each store lands before the close (and the registry's sweep after it sees it) or is refused.
 */
final class ClientConnections {
    private final Map<ConnectionHandle, State> states = new ConcurrentHashMap<>();
    /**
     * Connections whose close was handled, so that none gets a state again (bolt may call a closing connection fine
     * for a moment). Weak: only the bolt connection (whose attribute it is) and requests still in flight on it hold a closed
     * connection's handle.
     */
    private final Set<ConnectionHandle> detached = Collections.newSetFromMap(Collections.synchronizedMap(new WeakHashMap<>()));

    /** The clients of one connection and the stamp of the last registration it carried. */
    static final class State {
        final Set<String> clientIds = ConcurrentHashMap.newKeySet();
        /** Raised by max, never lowered: two registrations at once on one connection may finish in either order. */
        final AtomicLong lastRegistration = new AtomicLong();
        /** Shared by stores over the connection, exclusive for the instant {@link #close} closes it. */
        private final ReadWriteLock lock = new ReentrantReadWriteLock();
        /** Guarded by {@link #lock}. */
        private boolean closed;
    }

    /** The state of {@code connection}, created if needed, or null once its close was handled (or it is closed). */
    State open(ConnectionHandle connection, String clientId, long stamp) {
        // Created inside the map's compute for this connection, which close's removal excludes: never after it.
        State state = states.computeIfAbsent(connection, c -> detached.contains(c) || !c.isOpen() ? null : new State());
        if (state != null) {
            state.clientIds.add(clientId);
            state.lastRegistration.accumulateAndGet(stamp, Math::max);
        }
        return state;
    }

    /**
     * Runs {@code store} of a registration of {@code clientId} over {@code connection} (attaching it if needed) under
     * the connection's read lock; returns false, without running it, once the connection's close was handled.
     */
    boolean whileOpen(ConnectionHandle connection, String clientId, long stamp, Runnable store) {
        State state = open(connection, clientId, stamp);
        if (state == null) {
            return false;
        }
        state.lock.readLock().lock();
        try {
            if (state.closed) {
                return false;
            }
            store.run();
            return true;
        } finally {
            state.lock.readLock().unlock();
        }
    }

    /**
     * Handles the close of {@code connection}: it gets no state again, and its state (null if it had none) is closed
     * once the stores under way over it are done, so every later one is refused.
     */
    State close(ConnectionHandle connection) {
        State[] removed = new State[1];
        states.compute(connection, (c, state) -> {
            detached.add(c);
            removed[0] = state;
            return null;
        });
        State state = removed[0];
        if (state != null) {
            state.lock.writeLock().lock();
            try {
                state.closed = true;
            } finally {
                state.lock.writeLock().unlock();
            }
        }
        return state;
    }

    boolean isAttached(ConnectionHandle connection) {
        return states.containsKey(connection);
    }

    int count() {
        return states.size();
    }

    int clientCount() {
        return states.values().stream().mapToInt(s -> s.clientIds.size()).sum();
    }
}
