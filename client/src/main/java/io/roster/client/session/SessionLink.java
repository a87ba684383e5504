package io.roster.client.session;

import com.alipay.remoting.Connection;
import com.alipay.remoting.ConnectionEventType;
import com.alipay.remoting.exception.RemotingException;
import com.alipay.remoting.rpc.RpcClient;
import io.roster.common.retry.Backoff;
import io.roster.common.util.NamedThreads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * The client's one session connection and the loop that keeps it up: the shell around {@link LinkStateMachine}, which
 * decides. This class owns the reconnect thread and the bolt client, feeds the machine its events (with the time) and
 * carries out its {@link LinkCommand}s: schedule an attempt, connect, replay, close, wake waiting calls. A new
 * connection first gets the client's hello ({@link #greetWith}), then replays the client's registrations and only
 * then lets calls through, so that the session holds
 * everything before anything new arrives. A replay that cannot complete drops the connection, and the next one
 * replays everything again.
 *
 * <p>One lock orders three things: connection changes, the replay snapshot, and the callers' changes to their
 * registrations ({@link #mutateIfConnected}, {@link #mutateUnlessReplaced}, {@link #mutate}). A change therefore
 * lands either before a snapshot (and is replayed) or after the replay (and is sent by its caller on the new
 * connection); it is never lost in between.
 */
public final class SessionLink implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SessionLink.class);

    private final SessionCalls calls;
    private final SessionConnector connector;
    private final ReconnectPlan plan;
    private final Duration connectTimeout;
    private final ScheduledExecutorService reconnector;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();

    // guarded by lock
    private final LinkStateMachine<Connection> machine;
    private Replayer replayer;
    private final ConnectedWaiters waiters = new ConnectedWaiters();

    /** Create before {@code rpcClient.startup()}: it registers the listener that notices closed connections. */
    public SessionLink(RpcClient rpcClient, List<String> addresses, Duration connectTimeout, Duration requestTimeout,
                       Duration backoffMin, Duration backoffMax, String threadName) {
        this(rpcClient, SessionDirectory.fixed(addresses), connectTimeout, requestTimeout,
                Backoff.of(backoffMin, backoffMax), threadName);
    }

    /** As above, with the sessions taken from {@code directory} (a fixed list, or meta's). */
    public SessionLink(RpcClient rpcClient, SessionDirectory directory, Duration connectTimeout, Duration requestTimeout,
                       Backoff backoff, String threadName) {
        this.calls = new SessionCalls(rpcClient, requestTimeout);
        this.connector = new SessionConnector(rpcClient, calls, connectTimeout);
        this.plan = new ReconnectPlan(directory, backoff);
        this.machine = new LinkStateMachine<>(plan);
        this.connectTimeout = connectTimeout;
        this.reconnector = NamedThreads.scheduler(threadName);
        rpcClient.addConnectionEventProcessor(ConnectionEventType.CLOSE,
                (remoteAddress, connection) -> connectionLost(connection, "connection closed"));
    }

    /**
     * Sends {@code hello} (e.g. a {@code ClientHello} with the client's capabilities) first on every new connection,
     * before its replay. A session that answers it with an error (an older one, which does not know it) is used
     * as one that took no capabilities; the connection goes on to its replay either way. Call before {@link #start}.
     */
    public void greetWith(Object hello) {
        connector.greetWith(hello);
    }

    /** Starts connecting, to the first address first; {@code replayer} runs on every new connection. */
    public void start(Replayer replayer) {
        lock.lock();
        try {
            this.replayer = replayer;
        } finally {
            lock.unlock();
        }
        onEvent(LinkStateMachine::start);
    }

    /**
     * Waits until the link is CONNECTED (registrations replayed) or {@code deadlineNanos} (a {@link System#nanoTime()}
     * value) passes.
     *
     * @throws LinkUnavailableException naming the addresses and the last failure, at the deadline (or interrupted)
     * @throws IllegalStateException     once the client is closed
     */
    public LinkStatus awaitConnected(long deadlineNanos) {
        lock.lock();
        try {
            while (machine.state() != LinkState.CONNECTED) {
                if (machine.state() == LinkState.CLOSED) {
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
            throw new LinkUnavailableException("interrupted while waiting for a session connection", e);
        } finally {
            lock.unlock();
        }
    }

    /**
     * {@link #awaitConnected} without holding the caller: completes with the status once CONNECTED, or exceptionally
     * with {@link LinkUnavailableException} at the deadline ({@code timer} wakes it then) or {@link IllegalStateException}
     * once the client is closed.
     */
    public CompletableFuture<LinkStatus> whenConnected(long deadlineNanos, ScheduledExecutorService timer) {
        CompletableFuture<LinkStatus> future = new CompletableFuture<>();
        lock.lock();
        try {
            waiters.add(deadlineNanos, future);
        } finally {
            lock.unlock();
        }
        settleWaiters();
        if (!future.isDone()) {
            try {
                timer.schedule(this::settleWaiters, Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (RejectedExecutionException e) {
                future.completeExceptionally(new IllegalStateException("client is closed"));
            }
        }
        return future;
    }

    /** What an asynchronous waiter gets now (a status or a failure), or null while it still waits; under the lock. */
    private Object settlement(long deadlineNanos) {
        return switch (machine.state()) {
            case CONNECTED -> statusLocked();
            case CLOSED -> new IllegalStateException("client is closed");
            default -> deadlineNanos - System.nanoTime() <= 0 ? notConnected() : null;
        };
    }

    private void settleWaiters() {
        List<Runnable> settled;
        lock.lock();
        try {
            settled = waiters.settle(this::settlement);
        } finally {
            lock.unlock();
        }
        settled.forEach(Runnable::run);
    }

    /** Runs {@code mutation} under the lock if {@code connection} is still the CONNECTED one; false otherwise. */
    public boolean mutateIfConnected(Connection connection, Runnable mutation) {
        lock.lock();
        try {
            if (!machine.isConnectedOn(connection)) {
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
            if (machine.isUpOnOtherThan(connection)) {
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

    /** {@link #call} without holding the caller; the outcome is handled on {@code executor}. */
    public CompletableFuture<CallOutcome> callAsync(Connection connection, Object request, Executor executor) {
        return calls.callAsync(connection, request, executor).thenApply(outcome -> {
            if (outcome instanceof CallOutcome.Lost lost && lost.connectionFailed()) {
                connectionLost(connection, lost.reason());
            }
            return outcome;
        });
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
            if (!machine.replayPaused(connection, why)) {
                return false;
            }
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
            while (machine.isReplayingOn(connection)) {
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
        onEvent(m -> m.lost(connection, reason, nowMillis()));
    }

    /**
     * Leaves {@code connection}, whose session stopped answering, like {@link #connectionLost}, but closes it only
     * once the next connection has replayed: a session that is only slow then drops this client's publishers
     * (client-off) after the new session holds them, so they never leave subscribers' lists.
     */
    public void abandon(Connection connection, String reason) {
        onEvent(m -> m.abandoned(connection, reason, nowMillis()));
    }

    private void attempt() {
        onEvent(LinkStateMachine::attemptDue);
    }

    private void connectTo(String address) {
        Connection connection;
        try {
            connection = connector.open(address);
        } catch (RemotingException | RuntimeException e) {
            onEvent(m -> m.connectFailed(address, SessionCalls.describe(e)));
            return;
        }
        onEvent(m -> m.connected(connection, address, nowMillis()));
    }

    /** Feeds one event to the machine under the lock, then carries out what it asked for outside the lock. */
    private void onEvent(Function<LinkStateMachine<Connection>, List<LinkCommand<Connection>>> event) {
        List<Runnable> outside = new ArrayList<>();
        lock.lock();
        try {
            for (LinkCommand<Connection> command : event.apply(machine)) {
                runLocked(command, outside);
            }
        } finally {
            lock.unlock();
        }
        outside.forEach(Runnable::run);
    }

    /** Does what must happen under the lock (with the machine's step) and queues the rest. */
    private void runLocked(LinkCommand<Connection> command, List<Runnable> outside) {
        if (command instanceof LinkCommand.ScheduleAttempt<Connection> s) {
            schedule(s.delayMillis());
        } else if (command instanceof LinkCommand.WakeWaiters<Connection>) {
            changed.signalAll();
            outside.add(this::settleWaiters);
        } else if (command instanceof LinkCommand.Replay<Connection> r) {
            Replay replay = replayer.capture(); // under the lock: no registration change lands in between
            outside.add(() -> {
                connector.greet(r.connection(), r.address()); // first: the session knows the client's capabilities
                boolean complete = replay.sendOn(r.connection(), r.address(), r.generation());
                onEvent(m -> m.replayDone(r.connection(), complete, nowMillis()));
            });
        } else if (command instanceof LinkCommand.Connect<Connection> c) {
            outside.add(() -> connectTo(c.address()));
        } else if (command instanceof LinkCommand.Close<Connection> c) {
            outside.add(() -> connector.closeQuietly(c.connection()));
        } else if (command instanceof LinkCommand.ConfirmOpen<Connection> c) {
            outside.add(() -> {
                if (!c.connection().isFine()) {
                    connectionLost(c.connection(), "connection closed while replaying");
                }
            });
        } else if (command instanceof LinkCommand.Log<Connection> l) {
            outside.add(() -> log(l));
        }
    }

    private static void log(LinkCommand.Log<Connection> line) {
        if (line.warning()) {
            LOG.warn(line.message());
        } else {
            LOG.info(line.message());
        }
    }

    // called under lock
    private void schedule(long delayMillis) {
        try {
            reconnector.schedule(this::attempt, delayMillis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // closing: nothing more to connect
        }
    }

    private static long nowMillis() {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime());
    }

    private LinkStatus statusLocked() {
        return switch (machine.state()) {
            case CLOSED -> LinkStatus.CLOSED;
            case DISCONNECTED -> LinkStatus.DISCONNECTED;
            default -> new LinkStatus(machine.state(), machine.current().connection(), machine.current().address(),
                    machine.generation());
        };
    }

    private LinkUnavailableException notConnected() {
        String why = machine.whyNotConnected();
        return new LinkUnavailableException("not connected to any session within " + connectTimeout.toMillis()
                + " ms; sessions tried: " + String.join(", ", plan.addresses()) + " (" + plan.describe() + "); " + why,
                plan.addresses(), machine.lastFailure());
    }

    /** Stops reconnecting and closes the connection; waiting callers get {@link IllegalStateException}. Idempotent. */
    @Override
    public void close() {
        List<Runnable> closes = new ArrayList<>();
        lock.lock();
        try {
            List<LinkCommand<Connection>> commands = machine.close();
            if (commands.isEmpty()) {
                return; // closed already
            }
            for (LinkCommand<Connection> command : commands) {
                runLocked(command, closes);
            }
        } finally {
            lock.unlock();
        }
        NamedThreads.shutdown(reconnector);
        closes.forEach(Runnable::run);
    }
}
