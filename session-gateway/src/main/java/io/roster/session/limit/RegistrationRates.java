package io.roster.session.limit;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * The registration rates of one session: a bucket per client connection and one for the whole session. A call takes
 * a token from its client's bucket first, then from the session's; a client over its own rate never touches the
 * session's bucket, so one flooding client spends its own budget, not everyone's. Each call is one token: a
 * publish, unpublish, subscribe, unsubscribe or revision registration (clients have no batch call; a replay after
 * a reconnect is one call per registration and is paced like any other).
 *
 * @param <K> what identifies a client connection (the session's connection handle; anything in tests)
 */
public final class RegistrationRates<K> {
    private final RateLimit perClient;
    private final RateLimit perSession;
    private final LongSupplier nanoClock;
    private final TokenBucket session;
    private final Map<K, TokenBucket> clients = new ConcurrentHashMap<>();
    private final LongAdder refusedClient = new LongAdder();
    private final LongAdder refusedSession = new LongAdder();

    public RegistrationRates(RateLimit perClient, RateLimit perSession, LongSupplier nanoClock) {
        this.perClient = perClient;
        this.perSession = perSession;
        this.nanoClock = nanoClock;
        this.session = perSession.unlimited() ? null : new TokenBucket(perSession, nanoClock);
    }

    /** No limits at all (tests and embedders that build handlers by hand). */
    public static <K> RegistrationRates<K> unlimited() {
        return new RegistrationRates<>(new RateLimit(0, 0, "-", "-"), new RateLimit(0, 0, "-", "-"), System::nanoTime);
    }

    /**
     * Takes a token for one call of {@code client}: null when the call may go on, else the refusal's message
     * (which limit, its setting, and when a token is back).
     *
     * @param clientName what the message calls the client (its clientId and address)
     */
    public String admit(K client, String clientName) {
        TokenBucket own = null;
        if (!perClient.unlimited()) {
            own = clients.computeIfAbsent(client, c -> new TokenBucket(perClient, nanoClock));
            if (!own.tryTake()) {
                refusedClient.increment();
                return "client " + clientName + " is over its registration rate of " + perClient + "; retry in "
                        + millis(own.nanosUntilToken()) + " ms";
            }
        }
        if (session != null && !session.tryTake()) {
            if (own != null) {
                own.giveBack(); // the session refused it: the client did not spend its own budget
            }
            refusedSession.increment();
            return "this session is over its registration rate of " + perSession + " from all its clients; retry in "
                    + millis(session.nanosUntilToken()) + " ms";
        }
        return null;
    }

    private static long millis(long nanos) {
        return Math.max(1, TimeUnit.NANOSECONDS.toMillis(nanos + 999_999));
    }

    /** The client's connection closed: its bucket goes (a new connection starts with a full one). */
    public void forget(K client) {
        clients.remove(client);
    }

    /** Buckets held for client connections now. */
    public int trackedClients() {
        return clients.size();
    }

    /** Calls refused because their client was over its own rate. */
    public long refusedOverClientRate() {
        return refusedClient.sum();
    }

    /** Calls refused because the session as a whole was over its rate. */
    public long refusedOverSessionRate() {
        return refusedSession.sum();
    }
}
