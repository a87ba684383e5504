package io.roster.meta.raft;

import com.codahale.metrics.Counter;
import io.roster.meta.state.MetaRecord;
import io.roster.meta.state.NodeExpired;

import java.util.List;
import java.util.function.LongSupplier;

/**
 * What this meta node's state machine has seen of Raft, for /metrics. Written only on jraft's state-machine thread,
 * read at scrape time from any thread: plain volatile fields and Dropwizard counters, so a scrape never takes a
 * jraft lock (NodeImpl's term needs its write lock) and the state-machine thread never waits for a scrape.
 */
public final class RaftFigures {
    /** {@link #snapshotAgeSeconds} while this node has neither saved nor loaded a snapshot. */
    public static final long NO_SNAPSHOT = -1;

    private final LongSupplier nanoClock;
    private final Counter leaderChanges = new Counter();
    private final Counter leaseExpiries = new Counter();
    private volatile long term;
    private volatile boolean leading;
    private volatile boolean snapshotSeen;
    private volatile long snapshotAtNanos;

    public RaftFigures(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
    }

    /** This node won an election for {@code term}. */
    void leaderStarted(long term) {
        this.term = Math.max(this.term, term);
        leading = true;
        leaderChanges.inc();
    }

    void leaderStopped() {
        leading = false;
    }

    /** This node follows a new leader elected for {@code term}. */
    void followingStarted(long term) {
        this.term = Math.max(this.term, term);
        leaderChanges.inc();
    }

    /** One log entry's records were applied: the expiries in it are the leases that ran out through the log. */
    void applied(List<MetaRecord> records) {
        for (MetaRecord r : records) {
            if (r instanceof NodeExpired) {
                leaseExpiries.inc();
            }
        }
    }

    /** A snapshot was saved or loaded now. */
    void snapshotTaken() {
        snapshotAtNanos = nanoClock.getAsLong();
        snapshotSeen = true;
    }

    /** The newest term this node has seen a leader for (its own or another's); 0 before any. */
    public long term() {
        return term;
    }

    public boolean leading() {
        return leading;
    }

    /** Leaders this node has seen take office (itself included), since it started. */
    public Counter leaderChanges() {
        return leaderChanges;
    }

    /** Nodes whose lease expiry this node applied from the log (every meta node counts the same entries). */
    public Counter leaseExpiries() {
        return leaseExpiries;
    }

    /** Whole seconds since the last snapshot saved or loaded, or {@link #NO_SNAPSHOT}. */
    public long snapshotAgeSeconds() {
        if (!snapshotSeen) {
            return NO_SNAPSHOT;
        }
        return Math.max(0, (nanoClock.getAsLong() - snapshotAtNanos) / 1_000_000_000L);
    }
}
