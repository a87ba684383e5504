package io.roster.client;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A connection to a Roster cluster through one session at a time: publish where this process can be reached,
 * subscribe to where others can. Create one per application with {@link #builder()}; it is thread-safe.
 *
 * <pre>{@code
 * try (RosterClient client = RosterClient.builder()
 *         .sessions("127.0.0.1:9601,127.0.0.1:9602")
 *         .appName("orders")
 *         .build()) {
 *     Publication pub = client.publish("com.example.EchoService", "10.0.0.1:12200");
 *     Subscription sub = client.subscribe("com.example.EchoService",
 *             SubscriptionListener.strings((id, addresses, version) -> route(addresses)));
 * }
 * }</pre>
 *
 * <p>When its session fails, or leaves a liveness ping unanswered (see
 * {@link RosterClientBuilder#livenessCheck}), the client reconnects in the background, to the next listed session first, and replays
 * every live publication and subscription before it serves calls again; the application does nothing. The replay is
 * done only when the session accepted every registration: one answered with a retryable error is retried on the same
 * connection, with the reconnect backoff. A call made while disconnected or replaying waits up to the connect timeout,
 * then throws {@link RosterNotConnectedException}.
 *
 * <p>Listeners always get the whole current list. On the wire the session sends it whole only first (on each new
 * connection and subscription, and whenever the client lacks the base of a delta); after that, only the publishers
 * added, replaced or removed since the version the client acked, which the client applies to its own copy of each
 * subscription before acking. {@link DeltaSubscriptionListener} also gets that change ({@link DataChange}, by
 * publisher registerId). {@link RosterClientBuilder#deltaPush(boolean) deltaPush(false)} makes the client ask for
 * full lists only, as older SDKs do; a session without delta push sends full lists either way.
 *
 * <p>Every input is checked locally against the {@link io.roster.common.model.RegistryLimits} before anything is
 * sent. Calls after {@link #close()} throw {@link IllegalStateException}.
 */
public interface RosterClient extends AutoCloseable {

    static RosterClientBuilder builder() {
        return new RosterClientBuilder();
    }

    /**
     * Publishes UTF-8 string items under {@code dataId}, which is a bare dataId (default instance and group) or a
     * canonical {@code dataId#@#instanceId#@#group}. Returns once the session accepted it, or once it was sent and the
     * connection dropped before the answer (the replay then carries it).
     *
     * @throws InvalidRegistrationException bad dataId or data, or the session answered INVALID_REQUEST
     * @throws RosterNotConnectedException  no session connection within the connect timeout
     * @throws RosterRequestException       the session answered another error
     */
    Publication publish(String dataId, String... data);

    /** Publishes byte items; see {@link #publish(String, String...)}. The arrays are copied. */
    Publication publish(String dataId, List<byte[]> data);

    /**
     * Publishes like {@link #publish(String, String...)} without waiting: many publishes can be in flight on the one
     * session connection at once. The future completes with the publication when the session accepted it (or when it
     * was sent and the connection dropped before the answer: the replay then carries it), and fails with what
     * {@code publish} would throw: {@link InvalidRegistrationException}, {@link RosterNotConnectedException},
     * {@link RosterRequestException}, or {@link IllegalStateException} after {@link #close()}. A publication answered
     * with a retryable error is sent again within the request timeout, and one that fails for good is undone, as for
     * {@code publish}. Nothing is thrown by the call itself.
     */
    CompletableFuture<Publication> publishAsync(String dataId, String... data);

    /** Publishes byte items without waiting; see {@link #publishAsync(String, String...)}. The arrays are copied. */
    CompletableFuture<Publication> publishAsync(String dataId, List<byte[]> data);

    /**
     * Subscribes to {@code dataId} (bare or canonical). The session pushes the current data at once, and again on
     * every change, to {@code listener}. Throws like {@link #publish(String, String...)}.
     */
    Subscription subscribe(String dataId, SubscriptionListener listener);

    /**
     * Publishes this process as one instance of application {@code app} reached at {@code address}, serving the
     * interfaces of {@code metadata}: one registration whatever the number of interfaces. The revision (a digest of
     * the interfaces and their parameters) is registered first, once per revision. Interface-level subscribers of
     * each interface, old SDKs included, see the instance with that interface's parameters. Throws like
     * {@link #publish(String, String...)}; a revision meta cannot take now is a {@link RosterRequestException} with
     * a retryable code.
     */
    ApplicationPublication publishApplication(String app, String address, ApplicationMetadata metadata);

    /**
     * Subscribes to the providers of interface {@code interfaceId} (bare or canonical), application-level: the
     * client resolves the applications that serve it, subscribes each application once (shared by every interface
     * subscription that needs it), fetches the revisions it lacks, and also watches the interface's own
     * interface-level publishers, so providers that have not moved stay reachable. Throws like
     * {@link #subscribe(String, SubscriptionListener)}.
     */
    Subscription subscribeInterface(String interfaceId, InterfaceListener listener);

    /** This client's id, a random UUID; sessions file its registrations under it. */
    String clientId();

    /** True when connected to a session with every registration replayed. */
    boolean isConnected();

    /** The address of the session in use, or null while disconnected. */
    String connectedSession();

    /**
     * Closes the session connection (the session treats that as this client going away and drops its registrations),
     * stops reconnecting and releases every thread. Idempotent.
     */
    @Override
    void close();
}
