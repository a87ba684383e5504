package io.roster.client.registry;

import com.alipay.remoting.Connection;
import io.roster.client.session.CallOutcome;
import io.roster.client.session.Replay;
import io.roster.client.session.Replayer;
import io.roster.client.session.SessionLink;
import io.roster.common.app.Revision;
import io.roster.common.retry.Backoff;
import io.roster.common.util.NamedThreads;
import io.roster.common.wire.ErrorCode;
import io.roster.common.wire.Reply;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * Gives a new session connection every live registration: first the revisions of application publishers (a
 * session takes an application instance only with its revision registered), then publishers with their current version and data, subscribers
 * with their registerIds (the session then pushes their current data; the version gates keep stale pushes out).
 *
 * <p>Items are sent side by side ({@link #sendAll}). The replay completes only when the session accepted every item, because the session dropped everything of the
 * previous connection: an item it did not take is lost until the next reconnect, which may never come. So a retryable
 * answer is retried on the same connection with backoff; INVALID_REQUEST and LIMIT_EXCEEDED drop that registration for
 * good (no session would take it); REFUSED (an operator's blacklist) skips it on this connection and keeps it for the
 * next replay; any other error, SESSION_FULL included, gives the connection up, and the next
 * connection, to the next session, replays again.
 */
public final class RegistrationReplayer implements Replayer {
    private static final Logger LOG = LoggerFactory.getLogger(RegistrationReplayer.class);
    /** Items of one replay in flight at once. */
    private static final int IN_FLIGHT = 8;

    private final RegistrationTable table;
    private final RequestFactory requests;
    private final SessionLink link;
    private final Backoff backoff;
    private final String threadName;

    /**
     * @param backoff    the waits between retries of one item (the reconnect backoff)
     * @param threadName the name of the threads a replay sends its items from
     */
    public RegistrationReplayer(RegistrationTable table, RequestFactory requests,
                                SessionLink link, Backoff backoff, String threadName) {
        this.threadName = threadName;
        this.table = table;
        this.requests = requests;
        this.link = link;
        this.backoff = backoff;
    }

    @Override
    public Replay capture() {
        RegistrationSnapshot snapshot = table.snapshot();
        return (connection, address, generation) -> replay(snapshot, connection, address, generation);
    }

    private boolean replay(RegistrationSnapshot snapshot, Connection connection, String address, long generation) {
        // First the revisions: a session refuses an application instance whose revision it does not know.
        List<Callable<Boolean>> registrations = new ArrayList<>();
        for (Revision r : snapshot.revisions()) {
            // a refused one: its publishes are refused and dropped next
            registrations.add(() -> send(connection, address, "registration of revision " + r.digest() + " of app "
                    + r.app(), requests.register(r), () -> { }));
        }
        if (!sendAll(registrations)) {
            return false;
        }
        List<Callable<Boolean>> items = new ArrayList<>();
        for (PublisherRecord p : snapshot.publishers()) {
            items.add(() -> send(connection, address, "publish of " + p.dataInfoId() + " (registerId " + p.registerId() + ")",
                    requests.publish(p, generation), () -> table.replacePublisher(p, null)));
        }
        for (SubscriptionRecord s : snapshot.subscribers()) {
            items.add(() -> send(connection, address, "subscribe to " + s.dataInfoId() + " (registerId " + s.registerId() + ")",
                    requests.subscribe(s), () -> table.removeSubscriber(s)));
        }
        if (!sendAll(items)) {
            return false;
        }
        if (snapshot.size() > 0) {
            LOG.info("Replayed {} revisions, {} publishers and {} subscribers on session {}", registrations.size(),
                    snapshot.publishers().size(), snapshot.subscribers().size(), address);
        }
        return true;
    }

    /**
     * Sends the items side by side, at most {@value #IN_FLIGHT} at a time, and waits for all: an item whose slot
     * leader is failing over (retried with backoff) must not hold back the others. The client's old session may be
     * expired meanwhile, and data then drops everything that session held: what is still queued behind a slow item
     * would be missing from its subscribers' lists until it is sent. False if any item gave the connection up.
     */
    private boolean sendAll(List<Callable<Boolean>> items) {
        if (items.isEmpty()) {
            return true;
        }
        ExecutorService senders = NamedThreads.pool(threadName, Math.min(IN_FLIGHT, items.size()));
        try {
            boolean all = true;
            for (Future<Boolean> sent : senders.invokeAll(items)) {
                all &= sent.get();
            }
            return all;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException e) {
            LOG.warn("Replay failed: {}", e.getCause().toString());
            return false;
        } finally {
            NamedThreads.shutdown(senders);
        }
    }

    /** Sends one item until the session took it or rejected it for good; false when this connection is done for. */
    private boolean send(Connection connection, String address, String what, Object request, Runnable drop) {
        Backoff.Sequence delays = backoff.sequence();
        int attempts = 0;
        while (true) {
            attempts++;
            CallOutcome outcome = link.call(connection, request);
            if (outcome instanceof CallOutcome.Lost) {
                return false; // the link already dropped the connection, or the client is closing
            }
            Reply reply = ((CallOutcome.Answered) outcome).reply();
            if (reply.ok()) {
                if (attempts > 1) {
                    LOG.info("Session {} accepted the replayed {} after {} attempts", address, what, attempts);
                }
                return true;
            }
            // Final answers about this item (or, UNAUTHENTICATED, this client's credentials): another connection would
            // get the same, so the item is dropped and said so, instead of reconnecting forever.
            if (reply.code() == ErrorCode.INVALID_REQUEST || reply.code() == ErrorCode.LIMIT_EXCEEDED
                    || reply.code() == ErrorCode.UNAUTHENTICATED || reply.code() == ErrorCode.FORBIDDEN) {
                link.mutate(drop);
                LOG.warn("Session {} rejected the replayed {}: {}; dropped it", address, what, reply.message());
                return true;
            }
            if (reply.code() == ErrorCode.REFUSED) {
                // An operator's blacklist: kept in the table, so the replay after the entry is removed brings it back;
                // giving the connection up would only reconnect to a refusal again.
                LOG.warn("Session {} refused the replayed {}: {}; kept for the next reconnect", address, what, reply.message());
                return true;
            }
            String why = "answered " + reply.code() + " to the replayed " + what + ": " + reply.message();
            if (!reply.code().retryable()) {
                link.connectionLost(connection, why + "; trying a new connection");
                return false;
            }
            long delay = delays.next();
            if (attempts == 1) {
                LOG.warn("Session {} {}; retrying on this connection, calls wait meanwhile", address, why);
            } else {
                LOG.debug("Session {} {}; attempt {}, next in {} ms", address, why, attempts, delay);
            }
            if (!link.pauseReplay(connection, why, delay)) {
                return false;
            }
        }
    }
}
