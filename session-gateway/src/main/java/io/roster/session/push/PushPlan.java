package io.roster.session.push;

import io.roster.common.model.Datum;
import io.roster.common.retry.Backoff;
import io.roster.session.push.InFlightPushes.InFlight;
import io.roster.session.push.PushCommand.*;
import io.roster.session.registry.ConnectionHandle;
import io.roster.session.registry.SubscriberRecord;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every decision of the session's pushes, free of threads, clocks and sockets: events go in (a change notice, a new
 * subscriber, a datum read or not, a push acked or not, a connection closed, the push switch flipped, a timer tick
 * carrying {@code now}), {@link PushCommand}s come out (read a datum, send a push, wake me at, mark, pause). The
 * {@link PushEngine} runs the commands and reports back; one thread at a time calls in.
 *
 * <p>The rules. A notice for a dataInfoId with subscribers here is read at once (leading edge) unless a round of its
 * notices is reading or the window after that read (the debounce) is open: then it waits, merged with every other
 * change meanwhile, for one round at the window's end ({@link NoticeWindows}). One read of the datum feeds a push to
 * every subscriber still below that version, one per client connection. At most one push
 * per connection and dataInfoId is in flight: a newer round marks it "again" and, when it ends, the connection gets
 * the latest as one more round, so pushes to a client are never reordered, a slow client holds up only itself, and a
 * subscriber is never pushed a lower version (docs/ARCHITECTURE.md invariant 2). A connection with
 * {@link PushOptions#maxPendingPerClient()} pushes unacked gets no new one; the dataInfoIds that wanted it are deferred
 * and pushed at their latest version as its acks come back. While the push switch is off nothing is pushed; the
 * dataInfoIds that wanted a round are held and get one, at their latest version, when it comes back on ({@link PushGate}).
 *
 * <p>Only a client's own failures (a push refused, failed or timed out) count toward pausing its subscribers; a
 * datum that data cannot serve (an outage, a slot not ready) is read again with backoff and pauses nobody.
 */
public final class PushPlan {
    /** Tries of one push to one client before its subscribers are paused. */
    static final int MAX_ATTEMPTS = 4;
    /** Between the tries of a push the client failed: 100, 200, 400 ms. */
    static final Backoff PUSH_RETRY = Backoff.ofMillis(100, 400);
    /**
     * Between reads of a datum that data cannot serve now (an outage, a slot not ready yet): from 100 ms, at most
     * 2 s apart, for as long as it fails.
     */
    static final Backoff READ_RETRY = Backoff.ofMillis(100, 2_000);
    /** How long a subscriber whose pushes failed MAX_ATTEMPTS times is left alone; then the version check retries it. */
    static final long PAUSE_MS = 30_000;

    private final Audience audience;
    private final PushOptions options;
    /** The push switch, gray-push IPs and this session's stop-push, with what they hold. */
    private final PushGate gate = new PushGate();
    /** Which dataInfoIds' notices are read at once, and which wait for the window after the last read to end. */
    private final NoticeWindows windows;
    /** DataInfoIds whose read failed and has a retry scheduled: one retry chain per datum, however many rounds failed. */
    private final Set<String> readRetrying = new LinkedHashSet<>();
    private final InFlightPushes inFlight = new InFlightPushes();
    private final Map<ConnectionHandle, ClientBacklog> backlogs = new HashMap<>();
    /** Rounds waiting for their datum, by round number. */
    private final Map<Long, Reading> reading = new HashMap<>();
    private final PlanTimers<Round> timers = new PlanTimers<>();
    private long lastRound;

    public PushPlan(Audience audience, PushOptions options) {
        this.audience = audience;
        this.options = options;
        this.windows = new NoticeWindows(options.debounceMs());
    }

    /** Whom a round pushes to, found when it starts. */
    private sealed interface Targets {
    }

    /** Every subscriber of the dataInfoId. */
    private record All() implements Targets {
    }

    /** These subscribers, as they were when the round was planned. */
    private record Only(List<SubscriberRecord> subscribers) implements Targets {
    }

    /** The subscribers on one connection: a push deferred there; the round passes a free place on when done. */
    private record DeferredOn(ConnectionHandle connection) implements Targets {
    }

    /** @param attempt how many times these targets' client(s) were tried, counting the pushes that failed
     *  @param readFailures how many reads of this datum failed in a row before this round (0 unless a read retry)
     *  @param noticed a round of change notices, the one the leading-edge rule gates ({@link NoticeWindows}) */
    private record Round(String dataInfoId, Targets targets, int attempt, long since, int readFailures, boolean noticed) {
    }

    private record Reading(Round round, Collection<SubscriberRecord> targets) {
    }

    // ---- events ----

    /** A data node says {@code dataInfoId} changed: read at once, or merged into the next round (the rules above). */
    public List<PushCommand> changeNotice(String dataInfoId, long now) {
        List<PushCommand> out = new ArrayList<>();
        notice(dataInfoId, now, out);
        return out;
    }

    /** A new subscriber gets the current data at once, without waiting for a change. */
    public List<PushCommand> subscribed(SubscriberRecord s, long now) {
        List<PushCommand> out = new ArrayList<>();
        start(new Round(s.dataInfoId(), new Only(List.of(s)), 1, now, 0, false), now, out);
        return out;
    }

    /** The cluster's push switch is now {@code on}; turned on, every held dataInfoId gets a round. */
    public List<PushCommand> switchFlipped(boolean on, long now) {
        return gateChanged(on, gate.stopped(), gate.grayIps(), now);
    }

    /** Gray-push IPs or this session's stop-push changed: each held dataInfoId gets a round (held again where gated). */
    public List<PushCommand> gateChanged(Set<String> grayIps, boolean stopped, long now) {
        return gateChanged(gate.switchOn(), stopped, grayIps, now);
    }

    private List<PushCommand> gateChanged(boolean switchOn, boolean stopped, Set<String> grayIps, long now) {
        List<PushCommand> out = new ArrayList<>();
        gate.change(switchOn, stopped, grayIps).forEach(id -> notice(id, now, out));
        return out;
    }

    /** The datum a {@link ReadDatum} asked for: a push to each connection with a subscriber below its version. */
    public List<PushCommand> datumRead(long round, Datum datum, long now) {
        List<PushCommand> out = new ArrayList<>();
        Reading r = reading.remove(round);
        if (r == null) {
            return out;
        }
        String dataInfoId = r.round().dataInfoId();
        if (gate.allowsNone()) {
            gate.hold(dataInfoId); // turned off while this round read
        } else {
            Map<ConnectionHandle, List<SubscriberRecord>> byConnection = new LinkedHashMap<>();
            for (SubscriberRecord s : r.targets()) {
                if (!gate.allows(s.connection())) {
                    gate.hold(dataInfoId); // the others get it when the gate lets them
                } else if (s.pushedVersion() < datum.version() && audience.canPushTo(s) && !s.paused(now)) {
                    byConnection.computeIfAbsent(s.connection(), c -> new ArrayList<>()).add(s);
                }
            }
            byConnection.forEach((connection, subs) -> send(connection, datum, subs, r.round(), out));
        }
        readEnded(r.round(), now, out);
        passOn(r.round(), now, out);
        return out;
    }

    /** The read a {@link ReadDatum} asked for failed: data's fault, never the client's, so it is retried, not paused. */
    public List<PushCommand> readFailed(long round, long now) {
        List<PushCommand> out = new ArrayList<>();
        Reading r = reading.remove(round);
        if (r == null) {
            return out;
        }
        String dataInfoId = r.round().dataInfoId();
        int failures = r.round().readFailures() + 1;
        // One chain per datum, targeting all its subscribers then: a round failing while a retry waits leaves it its targets.
        if (readRetrying.add(dataInfoId)) {
            out.add(new Retried(dataInfoId));
            later(now + READ_RETRY.delayMillis(failures),
                    new Round(dataInfoId, new All(), 1, r.round().since(), failures, false), out);
        }
        readEnded(r.round(), now, out);
        passOn(r.round(), now, out);
        return out;
    }

    /** The push of {@code dataInfoId} to {@code connection} ended: {@code delivered} when the client acked it. */
    public List<PushCommand> pushEnded(ConnectionHandle connection, String dataInfoId, boolean delivered, long now) {
        List<PushCommand> out = new ArrayList<>();
        InFlight f = inFlight.remove(connection, dataInfoId);
        if (f == null) {
            return out;
        }
        if (delivered) {
            out.add(new MarkPushed(f.subscribers, f.version));
        }
        List<String> deferred = backlog(connection).finish(options.maxPendingPerClient());
        if (!connection.isOpen()) {
            backlogs.remove(connection); // closed: nothing more goes over it
        } else {
            deferred.forEach(id -> start(deferredRound(connection, id, now), now, out));
        }
        if (!delivered) {
            retry(dataInfoId, f, now, out); // the retry reads the datum again: it sends the latest
        }
        if (f.again) {
            // A newer version, or a new subscriber on this connection, waited for this push.
            List<SubscriberRecord> waiting = audience.subscribersOf(dataInfoId).stream()
                    .filter(s -> s.connection() == connection && (delivered || !f.subscribers.contains(s))).toList();
            start(new Round(dataInfoId, new Only(waiting), 1, f.since, 0, false), now, out);
        }
        return out;
    }

    /**
     * The version check found {@code dataInfoId} at {@code dataVersion} at its slot leader: a round (after a
     * {@link Repaired}) only when a subscriber that can take pushes holds less and no round of the datum is under way
     * here. A change this session was told of and is still pushing (waiting for its window, reading, awaiting an ack,
     * retried or deferred) is not missing, however far behind the acked versions are.
     */
    public List<PushCommand> versionChecked(String dataInfoId, long dataVersion, long now) {
        List<PushCommand> out = new ArrayList<>();
        long lowest = lowestWithNoRound(dataInfoId, now);
        if (lowest < dataVersion) {
            out.add(new Repaired(dataInfoId, dataVersion, lowest));
            notice(dataInfoId, now, out);
        }
        return out;
    }

    /** Whether {@link #versionChecked} would repair {@code dataInfoId} now; changes nothing. */
    public boolean missing(String dataInfoId, long dataVersion, long now) {
        return lowestWithNoRound(dataInfoId, now) < dataVersion;
    }

    /** A client connection closed: nothing more goes over it, so its backlog is forgotten. */
    public List<PushCommand> connectionClosed(ConnectionHandle connection) {
        backlogs.remove(connection);
        return List.of();
    }

    /** The time is {@code now}: rounds whose window or retry wait is over start. */
    public List<PushCommand> tick(long now) {
        List<PushCommand> out = new ArrayList<>();
        for (Round round : timers.takeDue(now)) {
            // One round's unexpected failure must not take the other due rounds, or the timers, down with it: the
            // due rounds are already off the queue, and an unarmed queue would never wake the plan again.
            try {
                start(round, now, out);
            } catch (RuntimeException e) {
                if (round.noticed()) {
                    windows.notRead(round.dataInfoId()); // later notices must not wait on a round that never read
                }
                out.add(new RoundFailed(round.dataInfoId(), e));
            }
        }
        timers.arm(out);
        return out;
    }

    // ---- state, for the shell and tests ----

    /** Whether this session pushes to every connection now (the switch on, no stop-push here). */
    public boolean enabled() {
        return gate.allowsAll();
    }

    /** How many dataInfoIds wait for the push switch (or this session's stop-push). */
    public int heldCount() {
        return gate.heldCount();
    }

    // ---- rules ----

    private void notice(String dataInfoId, long now, List<PushCommand> out) {
        if (!audience.hasSubscribers(dataInfoId)) {
            return;
        }
        if (windows.quiet(dataInfoId, now)) {
            start(new Round(dataInfoId, new All(), 1, now, 0, true), now, out); // leading edge: at once
            return;
        }
        NoticeWindows.Next next = windows.waitForNext(dataInfoId, now);
        if (next != null) {
            later(next.due(), new Round(dataInfoId, new All(), 1, next.since(), 0, true), out);
        }
    }

    /** A notices' round read (or failed to): its window opens; changes that came during the read go at its end. */
    private void readEnded(Round round, long now, List<PushCommand> out) {
        if (round.noticed()) {
            NoticeWindows.Next next = windows.readEnded(round.dataInfoId(), now);
            if (next != null) {
                later(next.due(), new Round(round.dataInfoId(), new All(), 1, next.since(), 0, true), out);
            }
        }
    }

    /** The lowest version a subscriber that can take pushes holds, unless a round is under way (or pushes are off). */
    private long lowestWithNoRound(String dataInfoId, long now) {
        long lowest = Long.MAX_VALUE;
        if (!gate.allowsNone() && !underWay(dataInfoId)) { // switched off, changes are held on purpose
            for (SubscriberRecord s : audience.subscribersOf(dataInfoId)) {
                if (gate.allows(s.connection()) && audience.canPushTo(s) && !s.paused(now)) {
                    lowest = Math.min(lowest, s.pushedVersion());
                }
            }
        }
        return lowest;
    }

    /** Whether a round of {@code dataInfoId} is under way: it will bring the latest without the version check. */
    private boolean underWay(String dataInfoId) {
        return windows.busy(dataInfoId) || inFlight.any(dataInfoId) || readRetrying.contains(dataInfoId)
                || reading.values().stream().anyMatch(r -> r.round().dataInfoId().equals(dataInfoId))
                || timers.any(r -> r.dataInfoId().equals(dataInfoId))
                || backlogs.values().stream().anyMatch(b -> b.defers(dataInfoId));
    }

    private Round deferredRound(ConnectionHandle connection, String dataInfoId, long now) {
        return new Round(dataInfoId, new DeferredOn(connection), 1, now, 0, false);
    }

    private Collection<SubscriberRecord> targetsOf(Round round) {
        if (round.targets() instanceof Only o) {
            return o.subscribers();
        }
        Collection<SubscriberRecord> all = audience.subscribersOf(round.dataInfoId());
        if (round.targets() instanceof DeferredOn d) {
            return all.stream().filter(s -> s.connection() == d.connection()).toList();
        }
        return all;
    }

    private void start(Round round, long now, List<PushCommand> out) {
        String dataInfoId = round.dataInfoId();
        if (round.readFailures() > 0) {
            readRetrying.remove(dataInfoId); // this is the retry: a failure schedules the next one
        }
        Collection<SubscriberRecord> targets = targetsOf(round);
        if (targets.isEmpty() || targets.stream().noneMatch(s -> gate.allows(s.connection()))) {
            if (!targets.isEmpty()) {
                gate.hold(dataInfoId);
            }
            if (round.noticed()) {
                windows.notRead(dataInfoId);
            }
            passOn(round, now, out);
            return;
        }
        if (round.noticed()) {
            windows.reading(dataInfoId);
        }
        long id = ++lastRound;
        reading.put(id, new Reading(round, targets));
        out.add(new ReadDatum(id, dataInfoId));
    }

    /**
     * A round on a connection's freed place is done, whatever it did: more places may be free now (it sent nothing:
     * its subscribers left, or had that version), so they go to the next deferred dataInfoIds instead of waiting.
     */
    private void passOn(Round round, long now, List<PushCommand> out) {
        if (round.targets() instanceof DeferredOn d && d.connection().isOpen()) {
            backlog(d.connection()).takeFree(options.maxPendingPerClient())
                    .forEach(id -> start(deferredRound(d.connection(), id, now), now, out));
        }
    }

    private void send(ConnectionHandle connection, Datum datum, List<SubscriberRecord> subs, Round round,
                      List<PushCommand> out) {
        String dataInfoId = round.dataInfoId();
        InFlight busy = inFlight.get(connection, dataInfoId);
        if (busy != null) {
            busy.again = true; // sent when that one ends, as the latest
            return;
        }
        if (!backlog(connection).tryStart(dataInfoId, options.maxPendingPerClient())) {
            out.add(new Deferred(connection, dataInfoId)); // pushed at its latest version when an ack frees a place
            return;
        }
        inFlight.add(connection, dataInfoId, new InFlight(subs, datum.version(), round.attempt(), round.since()));
        out.add(new SendPush(connection, datum, subs, round.since()));
    }

    /** A push failed (refused, failed or timed out): only such failures of the client pause its subscribers. */
    private void retry(String dataInfoId, InFlight f, long now, List<PushCommand> out) {
        if (f.attempt >= MAX_ATTEMPTS) {
            out.add(new Pause(dataInfoId, f.subscribers, now + PAUSE_MS));
            return;
        }
        out.add(new Retried(dataInfoId));
        later(now + PUSH_RETRY.delayMillis(f.attempt),
                new Round(dataInfoId, new Only(f.subscribers), f.attempt + 1, f.since, 0, false), out);
    }

    private ClientBacklog backlog(ConnectionHandle connection) {
        return backlogs.computeIfAbsent(connection, c -> new ClientBacklog());
    }

    private void later(long due, Round round, List<PushCommand> out) {
        timers.add(due, round, out);
    }
}
