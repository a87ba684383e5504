package io.roster.client;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Hands one interface subscription's lists to its listener on the client's callback pool: one call at a time, and
 * only the latest list waits (a newer one replaces it), as the push dispatcher does for plain subscriptions.
 */
final class SerialDelivery {
    private static final Logger LOG = LoggerFactory.getLogger(SerialDelivery.class);

    private final String interfaceId;
    private final InterfaceListener listener;
    private final Executor executor;
    private List<InterfaceInstance> pending; // guarded by this
    private long pendingVersion; // guarded by this
    private boolean running; // guarded by this
    private boolean closed; // guarded by this

    SerialDelivery(String interfaceId, InterfaceListener listener, Executor executor) {
        this.interfaceId = interfaceId;
        this.listener = listener;
        this.executor = executor;
    }

    void offer(List<InterfaceInstance> instances, long version) {
        synchronized (this) {
            if (closed) {
                return;
            }
            pending = instances;
            pendingVersion = version;
            if (running) {
                return;
            }
            running = true;
        }
        try {
            executor.execute(this::drain);
        } catch (RejectedExecutionException e) {
            synchronized (this) {
                running = false; // the client is closing
            }
        }
    }

    private void drain() {
        while (true) {
            List<InterfaceInstance> next;
            long version;
            synchronized (this) {
                if (pending == null || closed) {
                    running = false;
                    return;
                }
                next = pending;
                version = pendingVersion;
                pending = null;
            }
            try {
                listener.onInstances(interfaceId, next, version);
            } catch (RuntimeException e) {
                LOG.warn("Listener of interface {} failed on version {}", interfaceId, version, e);
            }
        }
    }

    /** No more calls after those under way. */
    synchronized void close() {
        closed = true;
        pending = null;
    }
}
