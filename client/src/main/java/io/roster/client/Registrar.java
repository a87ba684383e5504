package io.roster.client;

import io.roster.client.registry.PublisherRecord;
import io.roster.client.registry.RegistrationTable;
import io.roster.client.registry.RequestFactory;
import io.roster.client.registry.SubscriptionRecord;
import io.roster.client.session.CallOutcome;
import io.roster.client.session.LinkState;
import io.roster.client.session.LinkStatus;
import io.roster.client.session.LinkUnavailableException;
import io.roster.client.session.SessionLink;
import io.roster.common.app.Revision;
import io.roster.common.wire.ErrorCode;
import io.roster.common.wire.Reply;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongFunction;

/**
 * Changes the client's registrations: locally in the table (what replay sends) and on the session, keeping the two in
 * step. A registration enters the table only while connected, so a call that cannot connect leaves nothing behind; one
 * that was sent but got no answer stays, because the replay on the next connection delivers it. It leaves the table
 * only once the session no longer has it, so that a failed removal leaves no registration the client forgot.
 */
final class Registrar {
    private static final Logger LOG = LoggerFactory.getLogger(Registrar.class);

    private final RegistrationTable table;
    private final RequestFactory requests;
    private final SessionLink link;
    private final long connectTimeoutNanos;
    private final long retryWindowNanos;
    private final ScheduledExecutorService calls;
    private final Set<CompletableFuture<Void>> inFlight = ConcurrentHashMap.newKeySet();
    /** RATE_LIMITED answers to this client's registrations, each retried ({@link RetryStats}). */
    private final LongAdder rateLimited = new LongAdder();

    /**
     * @param retryWindow how long a call answered with a retryable error (a slot leader failing over, a slot still
     *                    migrating, an overloaded session) is sent again before the error is the caller's
     * @param calls       where answers are handled and retries wait (registrations hold no thread while in flight)
     */
    Registrar(RegistrationTable table, RequestFactory requests, SessionLink link,
              Duration connectTimeout, Duration retryWindow, ScheduledExecutorService calls) {
        this.calls = calls;
        this.table = table;
        this.requests = requests;
        this.link = link;
        this.connectTimeoutNanos = connectTimeout.toNanos();
        this.retryWindowNanos = retryWindow.toNanos();
    }

    /**
     * Waits until the link is CONNECTED or {@code deadlineNanos} passes.
     *
     * @throws RosterNotConnectedException at the deadline, naming the sessions and the last failure
     * @throws RosterException             when interrupted
     * @throws IllegalStateException       once the client is closed
     */
    LinkStatus awaitConnected(long deadlineNanos) {
        try {
            return link.awaitConnected(deadlineNanos);
        } catch (LinkUnavailableException e) {
            throw notConnected(e);
        }
    }

    static RosterException notConnected(LinkUnavailableException e) {
        if (e.interrupted()) {
            return new RosterException(e.getMessage(), e.getCause());
        }
        return new RosterNotConnectedException(e.getMessage(), e.addresses(), e.lastFailure());
    }

    /** RATE_LIMITED answers so far (each was sent again). */
    long rateLimitedAnswers() {
        return rateLimited.sum();
    }

    void checkOpen() {
        if (link.status().state() == LinkState.CLOSED) {
            throw new IllegalStateException("client is closed");
        }
    }

    void publish(PublisherRecord record) {
        await(publishAsync(record));
    }

    /** The publish of {@code record}; its future completes as {@link #publish} returns, or fails as it throws. */
    CompletableFuture<Void> publishAsync(PublisherRecord record) {
        return registerAsync("publish of " + describe(record), generation -> requests.publish(record, generation),
                () -> table.putPublisher(record), () -> table.replacePublisher(record, null), prelude(record));
    }

    void republish(PublisherRecord previous, PublisherRecord next) {
        await(registerAsync("republish of " + describe(next), generation -> requests.publish(next, generation),
                () -> table.putPublisher(next), () -> table.replacePublisher(next, previous), prelude(next)));
    }

    /**
     * An application instance's revision, registered on the connection before each of its publishes (the session
     * answers at once when it knows it; it may have dropped it since an earlier publish, once meta collected it).
     * The record is in the table first, so a replay on a newer connection registers the revision, then replays the
     * publish.
     */
    private AsyncRegistration.Prelude prelude(PublisherRecord record) {
        Revision revision = record.revision();
        if (revision == null) {
            return null;
        }
        return new AsyncRegistration.Prelude("registration of revision " + revision.digest() + " of app " + revision.app(),
                requests.register(revision));
    }

    /** {@link #subscribe} without waiting (the shared subscriptions of application datums). */
    CompletableFuture<Void> subscribeAsync(SubscriptionRecord record) {
        return registerAsync("subscribe to " + record.dataInfoId() + " (registerId " + record.registerId() + ")",
                generation -> requests.subscribe(record), () -> table.putSubscriber(record),
                () -> table.removeSubscriber(record), null);
    }

    /**
     * A query (not a registration: nothing to replay) on the connection once one is up; completes with how it ended,
     * or fails as a registration fails to connect.
     */
    CompletableFuture<CallOutcome> query(Object request) {
        return link.whenConnected(System.nanoTime() + connectTimeoutNanos, calls)
                .thenCompose(status -> link.callAsync(status.connection(), request, calls));
    }

    void unpublish(PublisherRecord record) {
        unregister("unpublish of " + describe(record), requests.unpublish(record), () -> table.removePublisher(record.registerId()));
    }

    void subscribe(SubscriptionRecord record) {
        await(subscribeAsync(record));
    }

    void unsubscribe(SubscriptionRecord record) {
        unregister("unsubscribe from " + record.dataInfoId() + " (registerId " + record.registerId() + ")",
                requests.unsubscribe(record), () -> table.removeSubscriber(record));
    }

    /**
     * Sends a registration without holding the caller (see {@link AsyncRegistration}). {@code request} builds the
     * request for the connection generation it is sent on.
     */
    private CompletableFuture<Void> registerAsync(String what, LongFunction<Object> request, Runnable apply, Runnable undo,
                                                  AsyncRegistration.Prelude prelude) {
        CompletableFuture<Void> registration = AsyncRegistration.start(link, calls, what, request, apply, undo,
                connectTimeoutNanos, retryWindowNanos, prelude, rateLimited);
        inFlight.add(registration);
        registration.whenComplete((done, failure) -> inFlight.remove(registration));
        return registration;
    }

    /**
     * The client closed: registrations still in flight fail (their answer or retry would need the threads that are
     * gone), so no caller waits for ever.
     */
    void closed() {
        for (CompletableFuture<Void> registration : inFlight) {
            registration.completeExceptionally(new IllegalStateException("client is closed"));
        }
    }

    /** Waits for an asynchronous registration and throws what it failed with. */
    private static void await(CompletableFuture<Void> registration) {
        try {
            registration.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw new RosterException(e.getCause().toString(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RosterException("interrupted while waiting for the session's answer; the registration stays and is sent", e);
        }
    }

    /**
     * Removes a registration from the session, then locally: until the session confirmed, the registration is live
     * there, so it stays in the table (the replay carries it, and the caller may try again). Where no connection is up
     * there is nothing to send: the session dropped the lost connection's registrations, and once removed from the
     * table no replay brings it back.
     *
     * @throws RosterRequestException      the session answered an error; the registration stays
     * @throws RosterNotConnectedException a replay under way did not finish within the connect timeout; it stays
     */
    private void unregister(String what, Object request, Runnable remove) {
        long start = System.nanoTime();
        long deadline = start + connectTimeoutNanos;
        RetryableAnswers retries = new RetryableAnswers(start + retryWindowNanos, rateLimited);
        while (true) {
            if (link.mutateUnlessReplaced(null, remove)) {
                return; // no connection up
            }
            LinkStatus status;
            try {
                status = awaitConnected(deadline); // a replay under way may still send it: remove it after
            } catch (RosterNotConnectedException e) {
                if (link.mutateUnlessReplaced(null, remove)) {
                    return; // that connection was lost meanwhile, and none is up
                }
                throw e;
            }
            CallOutcome outcome = link.call(status.connection(), request);
            if (outcome instanceof CallOutcome.Answered answered && !answered.reply().ok()) {
                if (retries.waitToRetry(answered.reply())) {
                    continue; // still live on the session and in the table: send the removal again
                }
                throw failure(what, status.address(), answered.reply());
            }
            if (outcome instanceof CallOutcome.Lost lost && !lost.connectionFailed()) {
                throw new RosterException(what + " was interrupted; it may still be registered: " + lost.reason());
            }
            // OK, or the connection failed mid-call and its session drops the registration with it.
            if (link.mutateUnlessReplaced(status.connection(), remove)) {
                return;
            }
            // A newer connection's replay sent the registration before it was removed: remove it there as well.
            LOG.info("{}: session {} was replaced meanwhile; sending it to the new session too", what, status.address());
        }
    }

    static RosterException failure(String what, String address, Reply reply) {
        String detail = reply.message().isEmpty() ? "" : ": " + reply.message();
        if (reply.code() == ErrorCode.INVALID_REQUEST) {
            return new InvalidRegistrationException("session " + address + " rejected the " + what + detail);
        }
        return new RosterRequestException(reply.code(), "session " + address + " answered " + reply.code() + " to the " + what + detail);
    }

    private static String describe(PublisherRecord record) {
        return record.dataInfoId() + " (registerId " + record.registerId() + ", version " + record.version() + ")";
    }
}
