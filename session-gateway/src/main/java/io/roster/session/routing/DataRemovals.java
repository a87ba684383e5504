package io.roster.session.routing;

import io.roster.common.model.Publisher;
import io.roster.common.retry.Backoff;
import io.roster.common.util.NamedThreads;
import io.roster.session.registry.ClientRegistry;
import io.roster.session.registry.ConnectionHandle;
import io.roster.session.registry.RegistrationClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Takes off data what this session dropped, in the background and retried while data is unavailable: the
 * publishers of a closed client connection (client-off, on every data node) and single publishers the client was
 * told failed or whose connection closed under their write (retract). A removal that never lands leaves a ghost at
 * data until meta expires this session, so each is tried {@link #ATTEMPTS} times.
 */
public final class DataRemovals implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DataRemovals.class);
    static final int ATTEMPTS = 10;
    /** Between attempts: 200 ms, doubling, at most 5 s. */
    static final Backoff BACKOFF = Backoff.ofMillis(200, 5_000);

    private final ClientRegistry registry;
    private final RegistrationClock clock;
    private final DataRouter router;
    private final ScheduledExecutorService background =
            Executors.newScheduledThreadPool(2, NamedThreads.factory("session-background"));

    public DataRemovals(ClientRegistry registry, RegistrationClock clock, DataRouter router) {
        this.registry = registry;
        this.clock = clock;
        this.router = router;
    }

    /** A client connection closed: its subscribers go at once, its publishers through client-off (docs/ARCHITECTURE.md). */
    public void connectionClosed(ConnectionHandle connection) {
        ClientRegistry.ClosedConnection closed = registry.detach(connection);
        // Ticked after the detach: a snapshot stamped later read the registry after it, so data can tell snapshots
        // that may still list these publishers (stamped before) from those that cannot.
        long removedAt = clock.tick();
        if (closed.clientIds().isEmpty()) {
            return;
        }
        LOG.info("client(s) {} disconnected; removing {} publisher(s)", closed.clientIds(), closed.publishers().size());
        for (String clientId : closed.clientIds()) {
            submit(() -> clientOff(clientId, closed.registeredUpTo(), removedAt, 1), 0);
        }
    }

    /** Client-off must reach every data node, or their copies linger as ghosts: retried until each one answers. */
    private void clientOff(String clientId, long registeredUpTo, long removedAt, int attempt) {
        if (router.clientOff(clientId, registeredUpTo, removedAt)) {
            return;
        }
        if (attempt >= ATTEMPTS) {
            LOG.warn("client-off of {} did not reach every data node after {} attempts", clientId, attempt);
            return;
        }
        submit(() -> clientOff(clientId, registeredUpTo, removedAt, attempt + 1), BACKOFF.delayMillis(attempt));
    }

    /**
     * Takes a publisher off data (unless the client registered it again meanwhile), retrying while data is
     * unavailable. Returns at once: callers include the threads that complete writes, which must not wait for data.
     */
    public void retract(Publisher p) {
        submit(() -> retract(p, 1), 0);
    }

    private void retract(Publisher p, int attempt) {
        // Ticked before the check: a registration of it after the check ticks higher, and data will not remove it.
        long removedAt = clock.tick();
        if (registry.hasPublisher(p.registerId())) {
            return;
        }
        if (router.unpublish(p.dataInfoId(), p.registerId(), removedAt).ok()) {
            return;
        }
        if (attempt >= ATTEMPTS) {
            LOG.warn("could not take {} off data after {} attempts", p, attempt);
            return;
        }
        submit(() -> retract(p, attempt + 1), BACKOFF.delayMillis(attempt));
    }

    /**
     * Takes {@code p} off data as dropped at tick {@code removedAt} by an incident lever (client-off keeps it here,
     * off; a blacklist dropped it), retrying while data is unavailable, until the registry holds it on again.
     */
    public void takeOff(Publisher p, long removedAt) {
        submit(() -> takeOff(p, removedAt, 1), 0);
    }

    private void takeOff(Publisher p, long removedAt, int attempt) {
        if (registry.hasPublisher(p.registerId()) && !registry.off().isOff(p.registerId())) {
            return; // on again (client-on, or registered anew): registered after removedAt, data keeps that one
        }
        if (router.unpublish(p.dataInfoId(), p.registerId(), removedAt).ok()) {
            return;
        }
        if (attempt >= ATTEMPTS) {
            LOG.warn("could not take {} off data for an incident lever after {} attempts", p, attempt);
            return;
        }
        submit(() -> takeOff(p, removedAt, attempt + 1), BACKOFF.delayMillis(attempt));
    }

    private void submit(Runnable task, long delayMs) {
        try {
            background.schedule(task, delayMs, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // This session is stopping: meta expires it after the lease, and data nodes then drop all it owned.
            LOG.debug("session stopping; left to meta's expiry of this session");
        }
    }

    @Override
    public void close() {
        NamedThreads.shutdown(background);
    }
}
