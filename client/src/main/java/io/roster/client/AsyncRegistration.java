package io.roster.client;

import io.roster.client.session.CallOutcome;
import io.roster.client.session.LinkState;
import io.roster.client.session.LinkStatus;
import io.roster.client.session.LinkUnavailableException;
import io.roster.client.session.SessionLink;
import io.roster.common.wire.ErrorCode;
import io.roster.common.wire.Reply;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongFunction;

/**
 * One registration sent without holding a thread: the rules of {@link Registrar} (in the table before it is sent,
 * retryable answers sent again within the retry window, undone on a final failure, kept for the replay when no answer
 * came, SESSION_FULL moves to the next session) as a chain of callbacks on the client's call thread. Waiting for a
 * connection, for the answer and between retries all happen on timers and bolt callbacks, so any number of
 * registrations can be in flight on one connection.
 */
final class AsyncRegistration {
    private static final Logger LOG = LoggerFactory.getLogger(AsyncRegistration.class);

    private final SessionLink link;
    private final ScheduledExecutorService calls;
    private final String what;
    private final LongFunction<Object> request;
    private final Runnable apply;
    private final Runnable undo;
    private final long connectDeadlineNanos;
    private final RetryableAnswers retries;
    private final Prelude prelude;
    private final CompletableFuture<Void> done = new CompletableFuture<>();
    private volatile LinkStatus status;

    /**
     * A call the registration needs answered OK on its connection first (an application instance's revision), sent
     * before every attempt: the session answers at once when it knows it, and nothing here has to remember what a
     * connection was given (a session forgets a revision meta collected).
     */
    record Prelude(String what, Object request) {
    }

    private AsyncRegistration(SessionLink link, ScheduledExecutorService calls, String what, LongFunction<Object> request,
                              Runnable apply, Runnable undo, long connectTimeoutNanos, long retryWindowNanos,
                              Prelude prelude, LongAdder rateLimited) {
        this.prelude = prelude;
        this.link = link;
        this.calls = calls;
        this.what = what;
        this.request = request;
        this.apply = apply;
        this.undo = undo;
        long start = System.nanoTime();
        this.connectDeadlineNanos = start + connectTimeoutNanos;
        this.retries = new RetryableAnswers(start + retryWindowNanos, rateLimited);
    }

    /**
     * Starts a registration; the future completes when the session accepted it (or it was sent and the connection
     * dropped before the answer: the replay carries it), or fails as {@link Registrar}'s synchronous calls throw.
     */
    static CompletableFuture<Void> start(SessionLink link, ScheduledExecutorService calls, String what,
                                         LongFunction<Object> request, Runnable apply, Runnable undo,
                                         long connectTimeoutNanos, long retryWindowNanos) {
        return start(link, calls, what, request, apply, undo, connectTimeoutNanos, retryWindowNanos, null, new LongAdder());
    }

    /**
     * As above, sending {@code prelude} (may be null) first on the connection when it needs it; {@code rateLimited}
     * counts its RATE_LIMITED answers (retried with backoff until taken, whatever the retry window).
     */
    static CompletableFuture<Void> start(SessionLink link, ScheduledExecutorService calls, String what,
                                         LongFunction<Object> request, Runnable apply, Runnable undo,
                                         long connectTimeoutNanos, long retryWindowNanos, Prelude prelude,
                                         LongAdder rateLimited) {
        AsyncRegistration r = new AsyncRegistration(link, calls, what, request, apply, undo, connectTimeoutNanos,
                retryWindowNanos, prelude, rateLimited);
        r.connect();
        return r.done;
    }

    private void connect() {
        link.whenConnected(connectDeadlineNanos, calls).whenComplete((connected, failure) -> failOnThrow(() -> {
            if (failure != null) {
                done.completeExceptionally(failure instanceof LinkUnavailableException e ? Registrar.notConnected(e) : failure);
            } else if (!link.mutateIfConnected(connected.connection(), apply)) {
                connect(); // the connection changed meanwhile: wait for the next
            } else {
                // In the table from here on: a retry, or a replay on a new connection, sends the same registration again.
                status = connected;
                send();
            }
        }));
    }

    private void send() {
        send(prelude != null);
    }

    private void send(boolean first) {
        LinkStatus on = status;
        long generation = on.connectionGeneration();
        Object call = first ? prelude.request() : request.apply(generation);
        link.callAsync(on.connection(), call, calls).whenComplete((outcome, failure) -> {
            try {
                if (failure != null) {
                    throw failure instanceof RuntimeException e ? e : new RosterException(what + " failed", failure);
                }
                if (first && outcome instanceof CallOutcome.Answered a && a.reply().ok()) {
                    send(false); // now the registration itself, on the same connection
                    return;
                }
                answered(on, outcome, first ? prelude.what() + " for the " + what : what);
            } catch (RuntimeException e) {
                done.completeExceptionally(e);
            }
        });
    }

    private void answered(LinkStatus on, CallOutcome outcome, String what) {
        if (outcome instanceof CallOutcome.Lost lost) {
            LOG.info("{} got no answer from session {} ({}); kept, the next connection replays it", what, on.address(), lost.reason());
            done.complete(null);
            return;
        }
        Reply reply = ((CallOutcome.Answered) outcome).reply();
        if (reply.code() == ErrorCode.SESSION_FULL) {
            // Kept: the client moves to its next session, whose replay carries it (session.max-clients).
            LOG.warn("{}: session {} is full ({}); moving to another session, which the replay brings it to", what,
                    on.address(), reply.message());
            link.connectionLost(on.connection(), "session full: " + reply.message());
            done.complete(null);
            return;
        }
        if (reply.ok()) {
            done.complete(null);
            return;
        }
        long waitMillis = retries.nextWaitMillis(reply);
        if (waitMillis < 0) {
            link.mutate(undo);
            done.completeExceptionally(Registrar.failure(what, on.address(), reply));
            return;
        }
        try {
            calls.schedule(() -> failOnThrow(this::retry), waitMillis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            done.completeExceptionally(new IllegalStateException("client is closed"));
        }
    }

    private void retry() {
        LinkStatus now = link.status();
        if (now.state() != LinkState.CONNECTED || now.connection() != status.connection()) {
            done.complete(null); // a new connection took over meanwhile: its replay sent the registration, which is in the table
            return;
        }
        send();
    }

    /**
     * Runs a step of the chain; what it throws fails the registration. A step runs in a callback or on a timer, where
     * an exception would otherwise vanish and leave its caller waiting for ever.
     */
    private void failOnThrow(Runnable step) {
        try {
            step.run();
        } catch (RuntimeException e) {
            done.completeExceptionally(e);
        }
    }
}
