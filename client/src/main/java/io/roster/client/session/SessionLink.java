package io.roster.client.session;

import com.alipay.remoting.Connection;
import com.alipay.remoting.ConnectionEventType;
import com.alipay.remoting.exception.RemotingException;
import com.alipay.remoting.rpc.RpcClient;
import io.roster.client.RosterException;
import io.roster.client.RosterNotConnectedException;
import io.roster.common.util.NamedThreads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The client's one session connection and the loop that keeps it up. A new connection first replays the client's
 * registrations and only then lets calls through, so that the session holds everything before anything new arrives.
 * A replay that cannot complete drops the connection, and the next one replays everything again.
 *
 * <p>One lock orders three things: connection changes, the replay snapshot, and the callers' changes to their
 * registrations ({@link #mutateIfConnected}, {@link #mutateUnlessReplaced}, {@link #mutate}). A change therefore
 * lands either before a snapshot (and is replayed) or after the replay (and is sent by its caller on the new
 * connection); it is never lost in between.
 */
public final class SessionLink implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SessionLink.class);

    /** Captures, under the link's lock, what a new connection must be given; the returned replay sends it. */
    @FunctionalInterface
    public interface Replayer {
        Replay capture();
    }

    /** Sends captured registrations on a new connection before calls may use it. */
    @FunctionalInterface
    public interface Replay {
        /**
         * True once the session accepted every registration (or rejected one for good). False when the replay could
         * not complete on this connection; the link then drops it, so that the next connection replays again.
         * Publishes carry {@code connectionGeneration}, the number of this connection.
         */
        boolean sendOn(Connection connection, String address, long connectionGeneration);
    }

    private final RpcClient rpcClient;
    private final SessionCalls calls;
    private final ReconnectPlan plan;
    private final Duration connectTimeout;
    private final ScheduledExecutorService reconnector;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();

    // guarded by lock
    private Replayer replayer;
    private LinkState state = LinkState.DISCONNECTED;
    private Connection current;
    private String currentAddress;
    private String lastFailure;
    private long upSinceNanos;
    /**
     * The number of the current (or last) connection, raised before each replay. Data keeps the copy of a registration
     * sent on the highest one, so a late write from a session this client left never takes it back (invariant 5).
     */
    private long connectionGeneration;
    /** A connection left by {@link #abandon}, closed once the next one has replayed (or the link closes). */
    private Connection abandoned;

    /** Create before {@code rpcClient.startup()}: it registers the listener that notices closed connections. */
    public SessionLink(RpcClient rpcClient, List<String> addresses, Duration connectTimeout, Duration requestTimeout,
                       Duration backoffMin, Duration backoffMax, String threadName) {
        this(rpcClient, SessionDirectory.fixed(addresses), connectTimeout, requestTimeout, backoffMin, backoffMax, threadName);
    }

    /** As above, with the sessions taken from {@code directory} (a fixed list, or meta's). */
    public SessionLink(RpcClient rpcClient, SessionDirectory directory, Duration connectTimeout, Duration requestTimeout,
                       Duration backoffMin, Duration backoffMax, String threadName) {
        this.rpcClient = rpcClient;
        this.calls = new SessionCalls(rpcClient, requestTimeout);
        this.plan = new ReconnectPlan(directory, backoffMin, backoffMax);
        this.connectTimeout = connectTimeout;
        this.reconnector = NamedThreads.scheduler(threadName);
        rpcClient.addConnectionEventProcessor(ConnectionEventType.CLOSE,
                (remoteAddress, connection) -> connectionLost(connection, "connection closed"));
    }

    /** Starts connecting, to the first address first; {@code replayer} runs on every new connection. */
    public void start(Replayer replayer) {
        lock.lock();
        try {
            this.replayer = replayer;
            schedule(0);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits until the link is CONNECTED (registrations replayed) or {@code deadlineNanos} (a {@link System#nanoTime()}
     * value) passes.
     *
     * @throws RosterNotConnectedException naming the addresses and the last failure, at the deadline
     * @throws IllegalStateException       once the client is closed
     */
    public LinkStatus awaitConnected(long deadlineNanos) {
        lock.lock();
        try {
            while (state != LinkState.CONNECTED) {
                if (state == LinkState.CLOSED) {
                    throw new IllegalStateException("client is closed");
                }
                long remaining = deadlineNanos - System.nanoTime();
                if (remaining <= 0) {
                    throw notConnected();
                }
                changed.awaitNanos(remaining);
            }
            return statusLocked();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RosterException("interrupted while waiting for a session connection", e);
        } finally {
            lock.unlock();
        }
    }

    /** Runs {@code mutation} under the lock if {@code connection} is still the CONNECTED one; false otherwise. */
    public boolean mutateIfConnected(Connection connection, Runnable mutation) {
        lock.lock();
        try {
            if (state != LinkState.CONNECTED || current != connection) {
                return false;
            }
            mutation.run();
            return true;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Runs {@code mutation} under the lock unless a connection other than {@code connection} is up (REPLAYING or
     * CONNECTED): that connection's replay may have sent the registrations as they were before the mutation. Pass
     * null to run it only while no connection is up. Returns whether it ran.
     */
    public boolean mutateUnlessReplaced(Connection connection, Runnable mutation) {
        lock.lock();
        try {
            if (current != null && current != connection) {
                return false;
            }
            mutation.run();
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Runs {@code mutation} under the lock, whatever the state, and returns the state it ran in. */
    public LinkStatus mutate(Runnable mutation) {
        lock.lock();
        try {
            mutation.run();
            return statusLocked();
        } finally {
            lock.unlock();
        }
    }

    /** One call on {@code connection}; a connection that gives no answer is dropped and the link reconnects. */
    public CallOutcome call(Connection connection, Object request) {
        CallOutcome outcome = calls.call(connection, request);
        if (outcome instanceof CallOutcome.Lost lost && lost.connectionFailed()) {
            connectionLost(connection, lost.reason());
        }
        return outcome;
    }

    public LinkStatus status() {
        lock.lock();
        try {
            return statusLocked();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Called by a replay that got an answer worth retrying: records {@code why} as the last failure (calls that give up
     * waiting report it) and waits {@code millis}. True if {@code connection} is still the one replaying, so the replay
     * should go on; false once it was lost or the link closed.
     */
    public boolean pauseReplay(Connection connection, String why, long millis) {
        lock.lock();
        try {
            if (state != LinkState.REPLAYING || current != connection) {
                return false;
            }
            lastFailure = currentAddress + ": " + why;
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
            while (state == LinkState.REPLAYING && current == connection) {
                long remaining = deadline - System.nanoTime();
                if (remaining <= 0) {
                    return true;
                }
                changed.awaitNanos(remaining); // connectionLost and close signal, so neither waits for the delay
            }
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            lock.unlock();
        }
    }

    /** Drops {@code connection} if it is the current one and starts reconnecting, next address first. */
    public void connectionLost(Connection connection, String reason) {
        leave(connection, reason, false);
    }

    /**
     * Leaves {@code connection}, whose session stopped answering, like {@link #connectionLost}, but closes it only
     * once the next connection has replayed: a session that is only slow then drops this client's publishers
     * (client-off) after the new session holds them, so they never leave subscribers' lists.
     */
    public void abandon(Connection connection, String reason) {
        leave(connection, reason, true);
    }

    private void leave(Connection connection, String reason, boolean closeLater) {
        String address;
        Connection previous;
        String next;
        long upMillis;
        long delay;
        lock.lock();
        try {
            if (state == LinkState.CLOSED || connection == null || connection != current) {
                return;
            }
            address = currentAddress;
            current = null;
            currentAddress = null;
            state = LinkState.DISCONNECTED;
            lastFailure = address + ": " + reason;
            upMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - upSinceNanos);
            delay = plan.onLost(upMillis);
            next = plan.address();
            changed.signalAll();
            schedule(delay);
            if (closeLater) {
                previous = swapPrevious(connection);
            } else {
                previous = connection;
            }
        } finally {
            lock.unlock();
        }
        LOG.warn("Lost session {} after {} ms ({}); reconnecting to {} in {} ms", address, upMillis, reason, next, delay);
        if (previous != null) {
            closeQuietly(previous);
        }
    }

    /** Keeps {@code connection} open until the next replay completes; returns the one kept before, to close now. */
    private Connection swapPrevious(Connection connection) {
        Connection before = abandoned;
        abandoned = connection;
        return before;
    }

    private void attempt() {
        String address;
        lock.lock();
        try {
            if (state == LinkState.CLOSED) {
                return;
            }
            address = plan.address();
        } finally {
            lock.unlock();
        }
        if (address == null) {
            attemptFailed("(no session)", "no session address yet from " + plan.describe());
            return;
        }
        Connection connection;
        try {
            connection = rpcClient.createStandaloneConnection(address, (int) Math.min(Integer.MAX_VALUE, connectTimeout.toMillis()));
        } catch (RemotingException | RuntimeException e) {
            attemptFailed(address, SessionCalls.describe(e));
            return;
        }
        replayOn(connection, address);
    }

    private void replayOn(Connection connection, String address) {
        Replay replay;
        long generation = 0;
        lock.lock();
        try {
            if (state == LinkState.CLOSED) {
                replay = null;
            } else {
                current = connection;
                currentAddress = address;
                upSinceNanos = System.nanoTime();
                state = LinkState.REPLAYING;
                generation = ++connectionGeneration;
                replay = replayer.capture();
            }
        } finally {
            lock.unlock();
        }
        if (replay == null) {
            closeQuietly(connection);
            return;
        }
        boolean complete = replay.sendOn(connection, address, generation);
        boolean connected;
        Connection left = null;
        lock.lock();
        try {
            connected = complete && state == LinkState.REPLAYING && current == connection;
            if (connected) {
                // The backoff is not reset here: only a connection that stays up resets it (ReconnectPlan.onLost).
                state = LinkState.CONNECTED;
                lastFailure = null;
                changed.signalAll();
                left = swapPrevious(null);
            }
        } finally {
            lock.unlock();
        }
        if (left != null) {
            closeQuietly(left); // its session now drops what it held of this client: the new session holds it all
        }
        if (!complete) {
            connectionLost(connection, "the replay of registrations did not complete"); // no-op if already dropped
            return;
        }
        if (connected) {
            LOG.info("Connected to session {}", address);
            // A close that raced with taking the connection into use was ignored as not-current: check once more.
            if (!connection.isFine()) {
                connectionLost(connection, "connection closed while replaying");
            }
        }
    }

    private void attemptFailed(String address, String reason) {
        long delay;
        lock.lock();
        try {
            if (state == LinkState.CLOSED) {
                return;
            }
            lastFailure = address + ": " + reason;
            delay = plan.onAttemptFailed();
            schedule(delay);
        } finally {
            lock.unlock();
        }
        LOG.info("Cannot connect to session {} ({}); next attempt in {} ms", address, reason, delay);
    }

    // called under lock
    private void schedule(long delayMillis) {
        try {
            reconnector.schedule(this::attempt, delayMillis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // closing: nothing more to connect
        }
    }

    private LinkStatus statusLocked() {
        return switch (state) {
            case CLOSED -> LinkStatus.CLOSED;
            case DISCONNECTED -> LinkStatus.DISCONNECTED;
            default -> new LinkStatus(state, current, currentAddress, connectionGeneration);
        };
    }

    private RosterNotConnectedException notConnected() {
        String why;
        if (state == LinkState.REPLAYING) {
            why = "still replaying registrations on " + currentAddress
                    + (lastFailure == null ? "" : "; last failure: " + lastFailure);
        } else {
            why = lastFailure == null ? "no connection attempt finished yet" : "last failure: " + lastFailure;
        }
        return new RosterNotConnectedException("not connected to any session within " + connectTimeout.toMillis()
                + " ms; sessions tried: " + String.join(", ", plan.addresses()) + " (" + plan.describe() + "); " + why,
                plan.addresses(), lastFailure);
    }

    private void closeQuietly(Connection connection) {
        try {
            rpcClient.closeStandaloneConnection(connection);
        } catch (RuntimeException e) {
            LOG.debug("Closing a session connection failed: {}", e.toString());
        }
    }

    /** Stops reconnecting and closes the connection; waiting callers get {@link IllegalStateException}. Idempotent. */
    @Override
    public void close() {
        Connection connection;
        Connection left;
        lock.lock();
        try {
            if (state == LinkState.CLOSED) {
                return;
            }
            state = LinkState.CLOSED;
            connection = current;
            current = null;
            currentAddress = null;
            left = swapPrevious(null);
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        NamedThreads.shutdown(reconnector);
        if (connection != null) {
            closeQuietly(connection);
        }
        if (left != null) {
            closeQuietly(left);
        }
    }
}
