package io.roster.session.routing;

import io.roster.session.periodic.PeriodicRound;

/**
 * This session's hellos to every data node, which register its notice connection there: every heartbeat interval,
 * and at once when the cluster view changes (a new or restarted data node learns where to send notices). Cheap and
 * idempotent, on one {@code session-hello} thread.
 */
public final class DataHellos implements AutoCloseable {
    private final PeriodicRound rounds;

    public DataHellos(DataRouter router) {
        this.rounds = new PeriodicRound("session-hello", "hello", router::helloAll);
    }

    public void start(long intervalMs) {
        rounds.start(0, intervalMs);
    }

    /** A round now, off the caller's thread. */
    public void soon() {
        rounds.soon();
    }

    @Override
    public void close() {
        rounds.close();
    }
}
