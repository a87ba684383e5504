package io.roster.datastore.rpc;

import com.codahale.metrics.Counter;
import io.roster.common.model.Datum;
import io.roster.common.model.ProcessId;
import io.roster.common.slot.DatumVersions;
import io.roster.common.rpc.ReplyException;
import io.roster.common.wire.ErrorCode;
import io.roster.datastore.change.ChangeFanout;
import io.roster.datastore.replication.FollowerCopies;
import io.roster.datastore.session.SessionConnections;
import io.roster.datastore.slot.SlotAssignment;
import io.roster.datastore.slot.SlotCheck;
import io.roster.datastore.slot.SlotStates;
import io.roster.datastore.store.SlotStore;

import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * What the data node's request handlers share. The store is opened once the node knows its port, after the
 * handlers exist; no request reaches it before then, because every handler checks the slot table first and the
 * node has none until it heartbeats, which it starts after opening the store.
 */
public final class DataRequestContext {
    private final Supplier<SlotStore> store;
    private final Supplier<SlotAssignment> assignment;
    private final SlotStates states;
    private final FollowerCopies copies;
    private final RequestChecks checks;
    private final ChangeFanout fanout;
    private final SessionConnections sessions;
    private final Executor executor;
    private final Counter writes;

    /**
     * @param assignment the slot assignment of the newest slot table; read once per request
     * @param executor  the pool handlers run on (not bolt's default pool)
     * @param writes    counts the publisher writes (publish, unpublish) applied as the slot's leader
     */
    public DataRequestContext(Supplier<SlotStore> store, Supplier<SlotAssignment> assignment, SlotStates states,
                              FollowerCopies copies, RequestChecks checks, ChangeFanout fanout, SessionConnections sessions,
                              Executor executor, Counter writes) {
        this.store = store;
        this.assignment = assignment;
        this.states = states;
        this.copies = copies;
        this.checks = checks;
        this.fanout = fanout;
        this.sessions = sessions;
        this.executor = executor;
        this.writes = writes;
    }

    /** {@code n} publisher writes were applied to slots this node leads. */
    public void countWrites(int n) {
        writes.inc(n);
    }

    /**
     * Whether this node may serve {@code slotId} for {@code dataInfoId} now, judged against one snapshot of the
     * slot table. An unusable table (none yet, or another slot count than this node's) refuses with a retryable code
     * before the slot id is judged against it; a slot id the dataInfoId does not hash to is invalid input.
     */
    public SlotCheck servable(int slotId, String dataInfoId) {
        SlotAssignment current = assignment.get();
        SlotCheck usable = current.usable();
        if (!usable.ok()) {
            return usable;
        }
        checks.slot(slotId, dataInfoId);
        return servableSlot(current, slotId);
    }

    /**
     * Whether this node leads {@code slotId} in {@code current} and has finished reconciling it (ACCEPT): a slot
     * still MIGRATING answers SLOT_NOT_READY, which sessions retry (ARCHITECTURE.md invariant 3: no partial list is served).
     */
    public SlotCheck servableSlot(SlotAssignment current, int slotId) {
        SlotCheck led = current.check(slotId);
        if (!led.ok()) {
            return led;
        }
        if (!states.accepting(slotId, led.leaderEpoch())) {
            return SlotCheck.refuse(ErrorCode.SLOT_NOT_READY, "slot " + slotId + " is migrating to data node "
                    + current.selfAddress() + " (leaderEpoch " + led.leaderEpoch() + "); retry shortly");
        }
        return led;
    }

    /**
     * Refuses, as retryable UNAVAILABLE, a write or sync on behalf of a session process meta expired: its publishers
     * were dropped, and come back only once meta lists the process again (its next heartbeat, if it is alive).
     */
    public void requireNotExpired(ProcessId session) {
        if (session != null && sessions.isExpired(session)) {
            throw new ReplyException(ErrorCode.UNAVAILABLE, "session process " + session
                    + " was expired by meta; its writes are taken again once meta lists it");
        }
    }

    /**
     * {@code datum} as a read answers it: a datum this node does not hold (never written, or its tombstone
     * collected; the store gives version 0) reads empty at max(collectedHigh of {@code slotId}, floor of
     * {@code leaderEpoch}), never 0, so the version a session reads for it never goes down across collections and
     * leader changes (a write would create it above both); reads and version checks give it the same version.
     */
    public Datum readable(Datum datum, int slotId, long leaderEpoch) {
        if (datum.version() != 0) {
            return datum;
        }
        long version = Math.max(store().collectedHigh(slotId), DatumVersions.floor(leaderEpoch));
        return new Datum(datum.dataInfoId(), version, List.of());
    }

    public SlotStore store() {
        return store.get();
    }

    public Supplier<SlotAssignment> assignment() {
        return assignment;
    }

    public SlotStates states() {
        return states;
    }

    public FollowerCopies copies() {
        return copies;
    }

    public RequestChecks checks() {
        return checks;
    }

    public ChangeFanout fanout() {
        return fanout;
    }

    public SessionConnections sessions() {
        return sessions;
    }

    public Executor executor() {
        return executor;
    }
}
