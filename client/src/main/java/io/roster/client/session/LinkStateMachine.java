package io.roster.client.session;

import java.util.ArrayList;
import java.util.List;

/**
 * The client's session connection as a state machine: no threads, no clocks, no bolt. Each event (an attempt is due,
 * a connection came up or could not be opened, a replay finished, a connection was lost or abandoned, the link
 * closes) changes the state and returns the {@link LinkCommand}s the shell must carry out, in order; the time is
 * passed in. Not thread-safe: {@link SessionLink} calls it under its lock.
 *
 * <p>A new connection is REPLAYING until its replay of the registrations completes, and only then CONNECTED, so that
 * the session holds everything before calls add anything new. A connection left because its session went silent
 * ({@link #abandoned}) is closed only once the next connection has replayed: a session that was only slow then drops
 * this client's publishers after the new session holds them.
 */
public final class LinkStateMachine<C> {
    /** The connection in use (REPLAYING or CONNECTED), its session address, and when it came up. */
    public record Up<C>(C connection, String address, long sinceMillis) {
    }

    private final ReconnectPlan plan;

    private LinkState state = LinkState.DISCONNECTED;
    private Up<C> current;
    private String lastFailure;
    /**
     * The number of the current (or last) connection, raised before each replay. Data keeps the copy of a registration
     * sent on the highest one, so a late write from a session this client left never takes it back (invariant 5).
     */
    private long connectionGeneration;
    /** A connection left by {@link #abandoned}, closed once the next one has replayed (or the link closes). */
    private C abandoned;

    public LinkStateMachine(ReconnectPlan plan) {
        this.plan = plan;
    }

    /** The link starts: the first attempt, to the first address, at once. */
    public List<LinkCommand<C>> start() {
        return state == LinkState.CLOSED ? List.of() : List.of(new LinkCommand.ScheduleAttempt<>(0));
    }

    /** A scheduled attempt is due: connect to the plan's address, or fail at once when there is none yet. */
    public List<LinkCommand<C>> attemptDue() {
        if (state == LinkState.CLOSED) {
            return List.of();
        }
        String address = plan.address();
        if (address == null) {
            return connectFailed("(no session)", "no session address yet from " + plan.describe());
        }
        return List.of(new LinkCommand.Connect<>(address));
    }

    /** The connection to {@code address} could not be opened: the next address, after the next backoff delay. */
    public List<LinkCommand<C>> connectFailed(String address, String reason) {
        if (state == LinkState.CLOSED) {
            return List.of();
        }
        lastFailure = address + ": " + reason;
        long delay = plan.onAttemptFailed();
        return List.of(new LinkCommand.ScheduleAttempt<>(delay),
                new LinkCommand.Log<>(false, "Cannot connect to session " + address + " (" + reason + "); next attempt in " + delay + " ms"));
    }

    /** {@code connection} to {@code address} is open: it becomes current and replays, with the next generation. */
    public List<LinkCommand<C>> connected(C connection, String address, long nowMillis) {
        if (state == LinkState.CLOSED) {
            return List.of(new LinkCommand.Close<>(connection));
        }
        current = new Up<>(connection, address, nowMillis);
        state = LinkState.REPLAYING;
        connectionGeneration++;
        return List.of(new LinkCommand.Replay<>(connection, address, connectionGeneration));
    }

    /**
     * The replay on {@code connection} finished. Complete: the link is CONNECTED (if that connection is still the
     * replaying one) and an abandoned connection is closed now. Incomplete: the connection is dropped, so that the next
     * one replays everything again. The backoff is not reset here: only a connection that stays up resets it.
     */
    public List<LinkCommand<C>> replayDone(C connection, boolean complete, long nowMillis) {
        if (!complete) {
            return leave(connection, "the replay of registrations did not complete", false, nowMillis);
        }
        if (!isReplayingOn(connection)) {
            return List.of();
        }
        state = LinkState.CONNECTED;
        lastFailure = null;
        List<LinkCommand<C>> commands = new ArrayList<>();
        commands.add(new LinkCommand.WakeWaiters<>());
        C left = swapAbandoned(null);
        if (left != null) {
            commands.add(new LinkCommand.Close<>(left)); // its session now drops this client: the new one holds it all
        }
        commands.add(new LinkCommand.Log<>(false, "Connected to session " + current.address()));
        commands.add(new LinkCommand.ConfirmOpen<>(connection));
        return commands;
    }

    /** {@code connection} closed or failed a call: if current, it is dropped and the next address tried. */
    public List<LinkCommand<C>> lost(C connection, String reason, long nowMillis) {
        return leave(connection, reason, false, nowMillis);
    }

    /**
     * {@code connection}'s session stopped answering: left like {@link #lost}, but closed only once the next
     * connection has replayed (a connection abandoned before is closed now).
     */
    public List<LinkCommand<C>> abandoned(C connection, String reason, long nowMillis) {
        return leave(connection, reason, true, nowMillis);
    }

    private List<LinkCommand<C>> leave(C connection, String reason, boolean closeLater, long nowMillis) {
        if (state == LinkState.CLOSED || connection == null || !isCurrent(connection)) {
            return List.of();
        }
        String address = current.address();
        long upMillis = nowMillis - current.sinceMillis();
        current = null;
        state = LinkState.DISCONNECTED;
        lastFailure = address + ": " + reason;
        long delay = plan.onLost(upMillis);
        C toClose = closeLater ? swapAbandoned(connection) : connection;
        List<LinkCommand<C>> commands = new ArrayList<>();
        commands.add(new LinkCommand.WakeWaiters<>());
        commands.add(new LinkCommand.ScheduleAttempt<>(delay));
        commands.add(new LinkCommand.Log<>(true, "Lost session " + address + " after " + upMillis + " ms (" + reason
                + "); reconnecting to " + plan.address() + " in " + delay + " ms"));
        if (toClose != null) {
            commands.add(new LinkCommand.Close<>(toClose));
        }
        return commands;
    }

    /** Keeps {@code connection} open until the next replay completes; returns the one kept before, to close now. */
    private C swapAbandoned(C connection) {
        C before = abandoned;
        abandoned = connection;
        return before;
    }

    /**
     * The replay on {@code connection} got an answer worth retrying: records {@code why} as the last failure (calls
     * that give up waiting report it). True if {@code connection} is still the one replaying.
     */
    public boolean replayPaused(C connection, String why) {
        if (!isReplayingOn(connection)) {
            return false;
        }
        lastFailure = current.address() + ": " + why;
        return true;
    }

    /** The link closes: waiting calls fail, and every connection it holds is closed. Later events do nothing. */
    public List<LinkCommand<C>> close() {
        if (state == LinkState.CLOSED) {
            return List.of();
        }
        state = LinkState.CLOSED;
        C connection = current == null ? null : current.connection();
        current = null;
        C left = swapAbandoned(null);
        List<LinkCommand<C>> commands = new ArrayList<>();
        commands.add(new LinkCommand.WakeWaiters<>());
        if (connection != null) {
            commands.add(new LinkCommand.Close<>(connection));
        }
        if (left != null) {
            commands.add(new LinkCommand.Close<>(left));
        }
        return commands;
    }

    public LinkState state() {
        return state;
    }

    /** The connection in use (REPLAYING or CONNECTED), or null. */
    public Up<C> current() {
        return current;
    }

    /** 1 for the link's first connection, one more for each later one; 0 before the first. */
    public long generation() {
        return connectionGeneration;
    }

    /** Why the last attempt or connection failed ("address: reason"), or null since the last completed replay. */
    public String lastFailure() {
        return lastFailure;
    }

    public boolean isConnectedOn(C connection) {
        return state == LinkState.CONNECTED && isCurrent(connection);
    }

    public boolean isReplayingOn(C connection) {
        return state == LinkState.REPLAYING && isCurrent(connection);
    }

    /** True when a connection other than {@code connection} is up (REPLAYING or CONNECTED). */
    public boolean isUpOnOtherThan(C connection) {
        return current != null && current.connection() != connection;
    }

    private boolean isCurrent(C connection) {
        return current != null && current.connection() == connection;
    }

    /** Why calls cannot go through now, for the error of a call that gave up waiting. */
    public String whyNotConnected() {
        if (state == LinkState.REPLAYING) {
            return "still replaying registrations on " + current.address()
                    + (lastFailure == null ? "" : "; last failure: " + lastFailure);
        }
        return lastFailure == null ? "no connection attempt finished yet" : "last failure: " + lastFailure;
    }
}
