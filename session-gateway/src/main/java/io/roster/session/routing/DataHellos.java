package io.roster.session.routing;

import io.roster.session.periodic.PeriodicRound;

/**
 * This session's hellos to every data node, which register its notice connection there: every heartbeat interval
 * ({@code session-hello} thread), and at once when the cluster view changes ({@code session-hello-now}), so a new or
 * restarted data node learns where to send notices without waiting behind a periodic round stuck on a dead node
 * (each hello may take the RPC timeout). Cheap and idempotent.
 */
public final class DataHellos implements AutoCloseable {
    private final PeriodicRound periodic;
    private final PeriodicRound onViewChange;

    public DataHellos(DataRouter router) {
        this.periodic = new PeriodicRound("session-hello", "hello", router::helloAll);
        this.onViewChange = new PeriodicRound("session-hello-now", "hello", router::helloAll);
    }

    public void start(long intervalMs) {
        periodic.start(0, intervalMs);
    }

    /** A round now, off the caller's thread and beside the periodic one. */
    public void soon() {
        onViewChange.soon();
    }

    @Override
    public void close() {
        periodic.close();
        onViewChange.close();
    }
}
