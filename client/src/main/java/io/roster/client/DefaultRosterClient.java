package io.roster.client;

import com.alipay.remoting.rpc.RpcClient;
import io.roster.client.push.PushDispatcher;
import io.roster.client.push.PushHandler;
import io.roster.client.registry.PublisherRecord;
import io.roster.client.registry.RegistrationReplayer;
import io.roster.client.registry.RegistrationTable;
import io.roster.client.registry.RequestFactory;
import io.roster.client.registry.SubscriptionRecord;
import io.roster.client.session.LinkState;
import io.roster.client.session.LinkStatus;
import io.roster.client.session.LivenessCheck;
import io.roster.client.session.MetaSessionDirectory;
import io.roster.client.session.SessionDirectory;
import io.roster.client.session.SessionLink;
import io.roster.common.app.AppIds;
import io.roster.common.model.DataInfoId;
import io.roster.common.model.InvalidInputException;
import io.roster.common.retry.Backoff;
import io.roster.common.rpc.BoltClients;
import io.roster.common.rpc.WireTypes;
import io.roster.common.wire.ClientHello;
import io.roster.common.util.NamedThreads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

/** The {@link RosterClient} implementation: wires the session link, the registration table and the push path. */
final class DefaultRosterClient implements RosterClient {
    private static final Logger LOG = LoggerFactory.getLogger(DefaultRosterClient.class);

    private final ClientOptions options;
    private final String clientId;
    private final RpcClient rpcClient;
    private final RegistrationTable table = new RegistrationTable();
    private final PushDispatcher dispatcher;
    private final ExecutorService pushExecutor;
    /** Handles the answers to registrations and their retry waits: none holds a caller's thread while in flight. */
    private final ScheduledExecutorService callExecutor;
    /**
     * Runs what callers chain on {@link #publishAsync}'s futures, never the call thread: a callback that blocks (a
     * synchronous publish inside it, slow user code) would otherwise stop every answer and retry of this client.
     */
    private final ExecutorService callbackExecutor;
    private final SessionDirectory directory;
    private final SessionLink link;
    private final LivenessCheck liveness;
    private final Registrar registrar;
    private final RegistrationReplayer replayer;
    private final AppRouting routing;
    private final AtomicBoolean closed = new AtomicBoolean();

    private DefaultRosterClient(ClientOptions options) {
        WireTypes.install();
        this.options = options;
        this.clientId = UUID.randomUUID().toString();
        String threads = "roster-client-" + clientId.substring(0, 8);
        this.dispatcher = new PushDispatcher(table::subscriber, threads + "-listener");
        this.pushExecutor = NamedThreads.pool(threads + "-push", 1);
        this.callExecutor = NamedThreads.scheduler(threads + "-calls");
        this.callbackExecutor = Executors.newCachedThreadPool(NamedThreads.factory(threads + "-callbacks"));
        this.rpcClient = BoltClients.guardFrames(new RpcClient(), RosterClientBuilder.MAX_FRAME_BYTES, options.security());
        rpcClient.registerUserProcessor(new PushHandler(dispatcher, pushExecutor));
        this.directory = options.metaServers().isEmpty() ? SessionDirectory.fixed(options.sessions())
                : new MetaSessionDirectory(options.metaServers(), options.sessions(),
                        metaCallTimeoutMs(options), threads + "-directory", options.security());
        Backoff reconnectBackoff = Backoff.of(options.backoffMin(), options.backoffMax());
        this.link = new SessionLink(rpcClient, directory, options.connectTimeout(), options.requestTimeout(),
                reconnectBackoff, threads + "-reconnect");
        ClientCredentials credentials = options.credentials();
        if (options.deltaPush() || credentials != null) { // neither: no hello, as an older SDK
            link.greetWith(new ClientHello(clientId, options.deltaPush() ? List.of(ClientHello.PUSH_DELTA) : List.of(),
                    credentials == null ? null : credentials.app(), credentials == null ? null : credentials.token()));
        }
        this.liveness = options.livenessInterval().isZero() ? null : new LivenessCheck(link, rpcClient,
                options.livenessInterval(), options.livenessTimeout(), threads + "-liveness");
        RequestFactory requests = new RequestFactory(clientId, options.appName(), options.zone());
        this.registrar = new Registrar(table, requests, link, options.connectTimeout(), options.requestTimeout(),
                callExecutor);
        this.replayer = new RegistrationReplayer(table, requests, link, reconnectBackoff, threads + "-replay");
        this.routing = new AppRouting(registrar, dispatcher, options.limits(), callExecutor, callbackExecutor);
    }

    /** Each meta server gets a share of the connect timeout, so one that is down cannot use all of it. */
    private static int metaCallTimeoutMs(ClientOptions options) {
        long share = options.connectTimeout().toMillis() / (2L * options.metaServers().size());
        return (int) Math.max(200, Math.min(3000, share));
    }

    /**
     * Starts a client and waits up to the connect timeout for its first session connection.
     *
     * @throws io.roster.client.RosterNotConnectedException when none came up; the client is closed again
     */
    static RosterClient connect(ClientOptions options) {
        DefaultRosterClient client = new DefaultRosterClient(options);
        try {
            long deadline = System.nanoTime() + options.connectTimeout().toNanos();
            client.rpcClient.startup();
            if (client.directory instanceof MetaSessionDirectory meta) {
                meta.start();
            }
            client.link.start(client.replayer);
            if (client.liveness != null) {
                client.liveness.start();
            }
            LinkStatus status = client.registrar.awaitConnected(deadline);
            LOG.info("Roster client {} of {} started on session {}", client.clientId, options.appName(), status.address());
            return client;
        } catch (RuntimeException e) {
            client.close();
            throw e;
        }
    }

    @Override
    public Publication publish(String dataId, String... data) {
        return publish(dataId, Data.utf8(data));
    }

    @Override
    public Publication publish(String dataId, List<byte[]> data) {
        registrar.checkOpen();
        DataInfoId id = InputChecks.dataInfoId(dataId, options.limits());
        PublisherRecord record = PublisherRecord.first(newRegisterId(), id.toString(), InputChecks.data(id, data, options.limits()));
        registrar.publish(record);
        return new DefaultPublication(registrar, options.limits(), id, record);
    }

    @Override
    public CompletableFuture<Publication> publishAsync(String dataId, String... data) {
        try {
            return publishAsync(dataId, Data.utf8(data));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e); // bad data items
        }
    }

    @Override
    public CompletableFuture<Publication> publishAsync(String dataId, List<byte[]> data) {
        DataInfoId id;
        PublisherRecord record;
        try {
            registrar.checkOpen();
            id = InputChecks.dataInfoId(dataId, options.limits());
            record = PublisherRecord.first(newRegisterId(), id.toString(), InputChecks.data(id, data, options.limits()));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        return registrar.publishAsync(record).thenApplyAsync(sent -> new DefaultPublication(registrar, options.limits(), id, record),
                callbackExecutor);
    }

    @Override
    public ApplicationPublication publishApplication(String app, String address, ApplicationMetadata metadata) {
        registrar.checkOpen();
        DefaultApplicationPublication.Content content = DefaultApplicationPublication.content(app, address, metadata,
                options.limits());
        DataInfoId id = DataInfoId.parse(AppIds.appDataInfoId(app, options.limits()), options.limits());
        PublisherRecord record = PublisherRecord.first(newRegisterId(), id.toString(),
                InputChecks.data(id, content.data(), options.limits()), content.revision());
        registrar.publish(record); // registers the revision on the connection first
        return new DefaultApplicationPublication(app, address, options.limits(),
                new DefaultPublication(registrar, options.limits(), id, record));
    }

    @Override
    public Subscription subscribeInterface(String interfaceId, InterfaceListener listener) {
        registrar.checkOpen();
        Objects.requireNonNull(listener, "listener");
        DataInfoId id = InputChecks.dataInfoId(interfaceId, options.limits());
        String providersId;
        try {
            providersId = AppIds.providersDataInfoId(id.toString(), options.limits());
        } catch (InvalidInputException e) {
            throw new InvalidRegistrationException("invalid interface " + id + ": " + e.getMessage(), e);
        }
        InterfaceView view = routing.open(id.toString(), listener);
        SubscriptionRecord providers = new SubscriptionRecord(newRegisterId(), providersId, routing.providersListener(view));
        SubscriptionRecord own = new SubscriptionRecord(newRegisterId(), id.toString(), routing.interfaceListener(view), true);
        try {
            registrar.subscribe(providers);
        } catch (RuntimeException e) {
            dispatcher.forget(providers.registerId());
            routing.close(view);
            throw e;
        }
        try {
            registrar.subscribe(own);
        } catch (RuntimeException e) {
            dispatcher.forget(own.registerId());
            try {
                registrar.unsubscribe(providers);
                dispatcher.forget(providers.registerId());
            } catch (RuntimeException undo) {
                e.addSuppressed(undo);
            }
            routing.close(view); // and the application subscriptions it started
            throw e;
        }
        return new DefaultInterfaceSubscription(registrar, dispatcher, routing, view, providers, own);
    }

    /** What the application-level routing table holds (see {@link RoutingStats}). */
    RoutingStats routingStats() {
        return routing.stats();
    }

    /** How this client's calls were retried (see {@link RetryStats}). */
    RetryStats retryStats() {
        return new RetryStats(registrar.rateLimitedAnswers());
    }

    @Override
    public Subscription subscribe(String dataId, SubscriptionListener listener) {
        registrar.checkOpen();
        Objects.requireNonNull(listener, "listener");
        DataInfoId id = InputChecks.dataInfoId(dataId, options.limits());
        SubscriptionRecord record = new SubscriptionRecord(newRegisterId(), id.toString(), adapt(listener));
        try {
            registrar.subscribe(record);
        } catch (RuntimeException e) {
            dispatcher.forget(record.registerId()); // a push that came before the failure keeps no copy behind
            throw e;
        }
        return new DefaultSubscription(registrar, record, dispatcher);
    }

    /** The record's view of {@code listener}: one that wants changes gets them by publisher. */
    private static SubscriptionRecord.Listener adapt(SubscriptionListener listener) {
        if (!(listener instanceof DeltaSubscriptionListener delta)) {
            return listener::onData;
        }
        return new SubscriptionRecord.Listener() {
            @Override
            public void onData(String dataInfoId, List<byte[]> data, long version) {
                delta.onData(dataInfoId, data, version);
            }

            @Override
            public boolean wantsChanges() {
                return true;
            }

            @Override
            public void onChange(String dataInfoId, List<byte[]> data, Map<String, List<byte[]>> addedOrReplaced,
                                 Set<String> removed, long version) {
                delta.onChange(dataInfoId, data, new DataChange(true, addedOrReplaced, removed), version);
            }
        };
    }

    private static String newRegisterId() {
        return UUID.randomUUID().toString();
    }

    @Override
    public String clientId() {
        return clientId;
    }

    @Override
    public boolean isConnected() {
        return link.status().state() == LinkState.CONNECTED;
    }

    @Override
    public String connectedSession() {
        LinkStatus status = link.status();
        return status.state() == LinkState.CONNECTED ? status.address() : null;
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        // First: closing the link fails bolt's pending calls as "no answer", which would complete them as sent.
        registrar.closed();
        if (liveness != null) {
            liveness.close();
        }
        link.close();
        directory.close();
        try {
            rpcClient.shutdown();
        } catch (RuntimeException e) {
            LOG.debug("Roster client {}: bolt client shutdown failed: {}", clientId, e.toString());
        }
        dispatcher.close();
        NamedThreads.shutdown(pushExecutor);
        NamedThreads.shutdown(callExecutor);
        registrar.closed(); // again: any that started while closing
        NamedThreads.shutdown(callbackExecutor);
        LOG.info("Roster client {} closed", clientId);
    }

    @Override
    public String toString() {
        return "RosterClient{" + clientId + " " + options.appName() + " " + link.status().state() + "}";
    }
}
