package io.roster.session.lever;

import io.roster.common.lever.IncidentLevers;
import io.roster.common.model.Publisher;
import io.roster.common.wire.WriteReply;
import io.roster.session.push.PushEngine;
import io.roster.session.registry.ClientRegistry;
import io.roster.session.registry.ConnectionHandle;
import io.roster.session.registry.LeverSweep;
import io.roster.session.registry.RegistrationClock;
import io.roster.session.routing.DataRemovals;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.function.ObjLongConsumer;

/**
 * The incident levers as this session enforces them (docs/ARCHITECTURE.md, Session: incident levers). The owning
 * session acts, so pushes, converted lists and application datums all follow through the usual write, notice and
 * push path: client-off takes the publishers of matching connections off data and keeps them here, off (left out of
 * digests and slot syncs) until client-on writes them back; a blacklist refuses new registrations (see
 * {@link #refusal}) and drops existing ones; gray push and this session's own stop-push gate the push plan.
 */
public final class SessionLevers {
    private static final Logger LOG = LoggerFactory.getLogger(SessionLevers.class);

    private final ClientRegistry registry;
    private final RegistrationClock clock;
    /** {@link DataRemovals#takeOff}: a publisher off data as removed at a tick. */
    private final ObjLongConsumer<Publisher> takeOff;
    private final Function<Publisher, CompletionStage<WriteReply>> writeBack;
    private final PushEngine pushes;
    private final PushStopFile stopFile;
    private volatile IncidentLevers levers = IncidentLevers.NONE;
    private volatile boolean pushStopped;

    /**
     * @param takeOff   {@link DataRemovals#takeOff}
     * @param writeBack writes a publisher to its slot leader (client-on)
     */
    public SessionLevers(ClientRegistry registry, RegistrationClock clock, ObjLongConsumer<Publisher> takeOff,
                         Function<Publisher, CompletionStage<WriteReply>> writeBack, PushEngine pushes, PushStopFile stopFile) {
        this.registry = registry;
        this.clock = clock;
        this.takeOff = takeOff;
        this.writeBack = writeBack;
        this.pushes = pushes;
        this.stopFile = stopFile;
        this.pushStopped = stopFile.stopped();
        if (pushStopped) {
            LOG.warn("pushes of this session are stopped by the operator ({} exists); roster session start-push starts them", stopFile);
            pushes.gateChanged(Set.of(), true);
        }
    }

    public IncidentLevers current() {
        return levers;
    }

    /** Whether client-off holds what is registered over {@code connection}. Read under the registration clock's fence. */
    public boolean off(ConnectionHandle connection) {
        return levers.clientOff(connection.ip(), connection.port());
    }

    /** The message refusing a registration over {@code connection} for {@code dataInfoId} (REFUSED), or null. */
    public String refusal(ConnectionHandle connection, String dataInfoId) {
        return levers.refusal(connection.ip(), dataInfoId);
    }

    /** Takes what data holds of {@code p}'s registerId, registered before p, off data: p is held here, off. */
    public void takeOff(Publisher p) {
        takeOff.accept(p, p.registerTimestamp());
    }

    /**
     * Meta's levers changed (the heartbeat's view): they take effect for registrations from now on, and the registry
     * is swept at once, while no registration is under way, so each registration is swept or made under them.
     */
    public synchronized void apply(IncidentLevers next) {
        if (next.sameAs(levers)) {
            levers = next;
            return;
        }
        long[] at = new long[1];
        LeverSweep.Result swept = clock.exclusively(stamp -> {
            at[0] = stamp;
            levers = next;
            return LeverSweep.apply(registry, this::off, (c, dataInfoId) -> refusal(c, dataInfoId) != null, stamp);
        });
        if (!swept.isEmpty()) {
            LOG.info("incident levers {}: {} publisher(s) off, {} back on, {} blacklisted publisher(s) and {} subscriber(s) dropped",
                    next, swept.turnedOff().size(), swept.turnedOn().size(), swept.removed().size(), swept.dropped().size());
        }
        // Taken off data as removed at the sweep's tick: data then refuses a write of theirs made before it, such as
        // a publish that was on its way when the lever came.
        swept.turnedOff().forEach(p -> takeOff.accept(p, at[0]));
        swept.removed().forEach(p -> takeOff.accept(p, at[0]));
        swept.turnedOn().forEach(p -> writeBack.apply(p).whenComplete((reply, failure) -> {
            if (failure != null || !reply.ok()) {
                // Held here and in the slot index again: the next digest round finds data without it and syncs it.
                LOG.warn("client-on: writing {} back failed ({}); the digest repair brings it back",
                        p.registerId(), failure != null ? failure.toString() : reply.message());
            }
        }));
        pushes.gateChanged(Set.copyOf(next.grayPushIps()), pushStopped);
    }

    public boolean pushStopped() {
        return pushStopped;
    }

    /** This session's own stop-push (no meta needed): kept in its data dir, so a restart keeps it. */
    public synchronized void stopPush(boolean stopped) {
        stopFile.write(stopped);
        pushStopped = stopped;
        LOG.warn("pushes of this session {} by the operator", stopped ? "stopped" : "started again");
        pushes.gateChanged(Set.copyOf(levers.grayPushIps()), stopped);
    }
}
