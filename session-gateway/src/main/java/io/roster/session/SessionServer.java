package io.roster.session;

import com.alipay.remoting.ConnectionEventType;
import com.alipay.remoting.rpc.RpcClient;
import com.alipay.remoting.rpc.RpcServer;
import com.alipay.remoting.rpc.protocol.UserProcessor;
import com.codahale.metrics.MetricRegistry;
import io.roster.common.config.ConfigKeys;
import io.roster.common.config.RosterConfig;
import io.roster.common.heartbeat.ClusterChangedHandler;
import io.roster.common.heartbeat.HeartbeatLoop;
import io.roster.common.lever.IncidentLevers;
import io.roster.common.heartbeat.MetaClient;
import io.roster.common.model.DataInfoId;
import io.roster.common.model.Datum;
import io.roster.common.model.NodeInfo;
import io.roster.common.model.NodeRole;
import io.roster.common.model.ProcessId;
import io.roster.common.rpc.BoltServers;
import io.roster.common.rpc.BoundedHandlerPool;
import io.roster.common.rpc.RpcCaller;
import io.roster.common.tls.NodeTls;
import io.roster.common.slot.SlotFunction;
import io.roster.common.util.NamedThreads;
import io.roster.common.view.ClusterView;
import io.roster.common.wire.DatumReply;
import io.roster.common.wire.HeartbeatRequest;
import io.roster.common.wire.SimpleReply;
import io.roster.session.catalog.RevisionService;
import io.roster.session.catalog.SessionCatalog;
import io.roster.session.push.DeltaDatumReader;
import io.roster.session.push.InterestWithdrawals;
import io.roster.session.push.PushEngine;
import io.roster.session.push.PushMetrics;
import io.roster.session.push.PushOptions;
import io.roster.session.push.PushTargets;
import io.roster.session.push.VersionCheck;
import io.roster.session.query.RegistryQueryHandler;
import io.roster.session.reconcile.DigestReporter;
import io.roster.session.reconcile.SlotDigestQueryHandler;
import io.roster.session.reconcile.SlotPublishersQueryHandler;
import io.roster.session.lever.PushStopFile;
import io.roster.session.auth.ClientAccess;
import io.roster.session.lever.SessionLevers;
import io.roster.session.registry.ClientRegistry;
import io.roster.session.registry.ConnectionHandle;
import io.roster.session.registry.RegistrationClock;
import io.roster.session.routing.DataHellos;
import io.roster.session.routing.DataRemovals;
import io.roster.session.routing.AsyncDataWrites;
import io.roster.session.routing.DataRouter;
import io.roster.session.routing.SlotLeaderFence;
import io.roster.session.rpc.BoltConnections;
import io.roster.session.rpc.BoltPushSender;
import io.roster.session.rpc.ChangeNoticeProcessor;
import io.roster.session.rpc.ClientHelloProcessor;
import io.roster.session.rpc.ClientLimits;
import io.roster.session.rpc.ReadValve;
import io.roster.common.wire.ErrorCode;
import io.roster.common.wire.SimpleReply;
import io.roster.session.limit.DelayedRefusals;
import io.roster.session.limit.RateLimitConfig;
import io.roster.session.limit.RegistrationRates;
import io.roster.session.rpc.ClientRequestHandlers;
import io.roster.session.rpc.SessionPingProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The session role: serves clients over bolt, keeps their registrations, forwards writes to slot leaders and
 * pushes changes to subscribers. Only wiring: the pieces are {@link ClientRegistry}, {@link DataRouter},
 * {@link DataRemovals}, {@link PushEngine} (around the pure {@link io.roster.session.push.PushPlan}),
 * {@link DataHellos}, {@link VersionCheck}, {@link InterestWithdrawals}, {@link DigestReporter} and
 * {@link SessionViewListener}.
 */
public final class SessionServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SessionServer.class);
    /** How long the data nodes may go on sending notices of a datum that lost its last subscriber here. */
    private static final long INTEREST_WITHDRAWAL_MS = 200;
    private static final int CLIENT_HANDLER_THREADS = 8;
    /**
     * Client requests waiting for a handler thread. While a data failover holds every thread for up to rpc.timeout-ms,
     * requests beyond this are answered UNAVAILABLE at once (the SDK retries) instead of piling up without bound.
     */
    private static final int CLIENT_HANDLER_QUEUE = 1024;
    /** How long a RATE_LIMITED answer waits (the SDK's first retry waits 50 ms anyway). */
    private static final long RATE_LIMITED_ANSWER_DELAY_MS = 100;

    private final RosterConfig config;
    private final ClientRegistry registry;
    private final MetricRegistry metrics;
    /**
     * The revision catalog copy, its client calls, the publish checks and the revisions in use (issue 15); providers
     * datums and converted lists are pushed from its catalog.
     */
    private final RevisionService revisions;
    private final RegistrationClock clock = new RegistrationClock();
    private final BoltConnections connections = new BoltConnections();
    private final BoundedHandlerPool handlers = new BoundedHandlerPool("session-handler", CLIENT_HANDLER_THREADS, CLIENT_HANDLER_QUEUE);
    private final ExecutorService notices = NamedThreads.pool("session-notice", 1);
    /** Data nodes' reconciliation queries: apart from client handling, so neither starves the other. */
    private final ExecutorService reconcile = NamedThreads.pool("session-reconcile", 2);
    /** The admin API's registry queries: one thread, so an operator's queries never take a client's or data's. */
    private final ExecutorService queries = NamedThreads.pool("session-query", 1);
    /** session.rate-limit.*: the registration rates of each client connection and of the session. */
    private final RegistrationRates<ConnectionHandle> rates;
    /** RATE_LIMITED answers wait here: a flood that ignores them is held to its in-flight calls per delay. */
    private final ScheduledExecutorService refusalTimer = NamedThreads.scheduler("session-rate-refusals");
    private final DelayedRefusals refusals = new DelayedRefusals(refusalTimer, RATE_LIMITED_ANSWER_DELAY_MS, 100_000, 128);
    private RpcServer server;
    private RpcCaller caller;
    private volatile HeartbeatLoop heartbeat;
    /**
     * The heartbeat's view once each reply was handled (levers applied): null until meta first answered, and until
     * then registrations are answered UNAVAILABLE ({@link ClientAccess}). Its ACL is the one clients are checked against.
     */
    private volatile ClusterView appliedView;
    /** Set before the heartbeat starts: the first view may come at once. */
    private volatile SessionViewListener viewListener;
    private volatile boolean droppingNotices;
    private volatile boolean stopping;
    private VersionCheck versionCheck;
    private InterestWithdrawals withdrawals;
    private PushEngine pushEngine;
    private volatile DeltaDatumReader deltaReads;
    private DataRouter router;
    private AsyncDataWrites writes;
    /** Publishes that went to data in a batch with others (gauge {@code session.writes.batched}). */
    private final LongAdder batchedWrites = new LongAdder();
    private DataRemovals removals;
    /** The incident levers as this session enforces them, and its own stop-push. */
    private volatile SessionLevers levers;
    private DataHellos hellos;
    private DigestReporter digests;
    private ProcessId processId;
    private String address;

    public SessionServer(RosterConfig config) {
        this(config, new MetricRegistry());
    }

    /** @param metrics the node's registry: push figures and registration gauges go there (served on /metrics) */
    public SessionServer(RosterConfig config, MetricRegistry metrics) {
        this.config = config;
        this.metrics = metrics;
        this.revisions = new RevisionService(config.limits(), metrics);
        this.registry = new ClientRegistry(new SlotFunction(config.get(ConfigKeys.CLUSTER_SLOTS)), revisions.inUse());
        metrics.gauge("session.publishers", () -> registry::publisherCount);
        metrics.gauge("session.subscribers", () -> registry::subscriberCount);
        metrics.gauge("session.clients", () -> registry::clientCount);
        metrics.gauge("session.reads.delta-applied", () -> () -> deltaReads == null ? 0L : deltaReads.deltasApplied());
        metrics.gauge("session.reads.delta-rejected", () -> () -> deltaReads == null ? 0L : deltaReads.deltasRejected());
        metrics.gauge("session.requests.queued", () -> handlers::queued);
        metrics.gauge("session.requests.refused", () -> handlers::refusedCount);
        metrics.gauge("session.writes.batched", () -> batchedWrites::sum);
        this.rates = RateLimitConfig.rates(config, System::nanoTime);
        metrics.gauge("session.requests.rate-limited.client", () -> rates::refusedOverClientRate);
        metrics.gauge("session.requests.rate-limited.session", () -> rates::refusedOverSessionRate);
    }

    public synchronized void start() {
        String host = config.get(ConfigKeys.HOST);
        int rpcTimeoutMs = config.get(ConfigKeys.RPC_TIMEOUT_MS);
        NodeTls tls = NodeTls.from(config);
        server = BoltServers.create(config.bindHost(), config.get(ConfigKeys.SESSION_PORT), config.maxFrameBytes(), tls.sessionPort());
        BoltServers.start(server, ConfigKeys.SESSION_PORT.name());
        address = host + ":" + server.port();
        processId = ProcessId.current(address);

        deltaReads = new DeltaDatumReader(this::readForPush, this::readForSubscribers, registry::ownCopyOf);
        pushEngine = new PushEngine(registry, deltaReads,
                new BoltPushSender(server, connections, config.get(ConfigKeys.SESSION_PUSH_TIMEOUT_MS)),
                new PushOptions(config.get(ConfigKeys.SESSION_PUSH_DEBOUNCE_MS), config.get(ConfigKeys.SESSION_PUSH_COMPRESS_MIN_BYTES),
                        config.get(ConfigKeys.SESSION_MAX_PENDING_PUSHES_PER_CLIENT)), new PushMetrics(metrics),
                revisions.catalog()::current, revisions.heardVersion(), this::readForPush);
        revisions.catalog().addListener(pushEngine::catalogChanged);
        RpcClient dataClient = tls.outgoing().applyTo(new RpcClient()); // to data and meta: node certificate
        dataClient.registerUserProcessor(new ChangeNoticeProcessor(pushEngine, notices, () -> droppingNotices,
                metrics.counter("session.notices.received")));
        caller = new RpcCaller(dataClient);
        MetaClient meta = new MetaClient(caller, config.metaServers(), rpcTimeoutMs);
        revisions.start(meta);
        heartbeat = new HeartbeatLoop("session", meta, config.get(ConfigKeys.HEARTBEAT_INTERVAL_MS),
                epoch -> new HeartbeatRequest(new NodeInfo(NodeRole.SESSION, address, processId), epoch,
                        registry.publisherCount(), registry.subscriberCount(), registry.clientCount(), List.of(),
                        revisions.inUse().digests(), levers != null && levers.pushStopped()),
                delta -> {
                    SessionViewListener listener = viewListener;
                    if (listener != null) {
                        listener.onChange(delta);
                    }
                }, reply -> {
                    appliedView = heartbeat.view(); // after the view listener applied its levers
                    revisions.heard(reply);
                });
        SlotLeaderFence fence = new SlotLeaderFence();
        router = new DataRouter(caller, heartbeat::view, processId, rpcTimeoutMs, registry::subscriptionSeq, fence);
        writes = new AsyncDataWrites(router, dataClient, batchedWrites);
        removals = new DataRemovals(registry, clock, router);
        levers = new SessionLevers(registry, clock, removals::takeOff, writes::publish, pushEngine,
                new PushStopFile(Path.of(config.get(ConfigKeys.DATA_DIR)).resolve("session-" + server.port())));
        hellos = new DataHellos(router);
        serveClients();
        SlotFunction slots = registry.bySlot().slotFunction();
        server.registerUserProcessor(new SlotDigestQueryHandler(registry, slots, processId, reconcile, fence));
        server.registerUserProcessor(new SlotPublishersQueryHandler(registry, clock, slots, processId, reconcile));
        // Meta's "the slot table changed": heartbeat now, so writes go to a new slot leader in milliseconds.
        server.registerUserProcessor(new ClusterChangedHandler(heartbeat::beatSoon, reconcile));
        server.registerUserProcessor(new RegistryQueryHandler(registry, () -> address, queries));
        digests = new DigestReporter(registry, clock, slots, () -> heartbeat.view().slotTable(), caller, processId, rpcTimeoutMs,
                config.get(ConfigKeys.SESSION_DIGEST_INTERVAL_MS));
        versionCheck = new VersionCheck(registry, pushEngine, caller, heartbeat::view, slots, processId, rpcTimeoutMs,
                config.get(ConfigKeys.SESSION_VERSION_CHECK_INTERVAL_MS));
        withdrawals = new InterestWithdrawals(registry, router, INTEREST_WITHDRAWAL_MS, pushEngine::needs);
        viewListener = new SessionViewListener(address, pushEngine, digests::slotTableChanged, versionCheck::soon,
                hellos::soon, levers::apply);
        heartbeat.start();
        digests.start();
        versionCheck.start();
        withdrawals.start();
        hellos.start(config.get(ConfigKeys.HEARTBEAT_INTERVAL_MS));
        LOG.info("session {} serving clients at {}, meta at {}", processId, address, config.metaServers());
    }

    /** The client calls, and what a client connection's close sets off. */
    private void serveClients() {
        ClientAccess access = new ClientAccess(config.get(ConfigKeys.SECURITY_CLIENT_AUTH), () -> view().acl(),
                () -> appliedView != null);
        metrics.gauge("session.requests.before-meta", () -> access::refusedBeforeMeta);
        for (UserProcessor<?> h : new ClientRequestHandlers(registry, writes, pushEngine, config.limits(),
                new ClientLimits(config.get(ConfigKeys.SESSION_MAX_CLIENTS), config.get(ConfigKeys.SESSION_MAX_REGISTRATIONS_PER_CLIENT)),
                processId, clock, removals::retract, handlers, connections, revisions.publishCheck(), levers, access, rates, refusals).all()) {
            server.registerUserProcessor(h);
        }
        revisions.clientHandlers(handlers, (context, app) -> {
            ClientAccess.Refusal r = access.revisionRefusal(connections.handleOf(context.getConnection()), app);
            return r == null ? null : new SimpleReply(r.code(), r.message());
        }, context -> {
            ConnectionHandle client = connections.handleOf(context.getConnection());
            String why = rates.admit(client, "at " + context.getRemoteAddress());
            return why == null ? null : refusals.answer(new SimpleReply(ErrorCode.RATE_LIMITED, why), client,
                    ReadValve.of(context.getConnection()));
        }).forEach(server::registerUserProcessor);
        server.registerUserProcessor(new SessionPingProcessor());
        server.registerUserProcessor(new ClientHelloProcessor(connections));
        server.addConnectionEventProcessor(ConnectionEventType.CLOSE, (remoteAddress, boltConnection) -> {
            ConnectionHandle connection = connections.closed(boltConnection);
            rates.forget(connection);
            pushEngine.connectionClosed(connection);
            if (!stopping) {
                // Stopping, this session's clients move to another session and replay there. A client-off now would
                // take their publishers out of every list until the replay (a flap); meta's expiry of this session
                // removes those whose client never comes back.
                removals.connectionClosed(connection);
            }
        });
    }

    /** Whether subscribers here are pushed {@code dataInfoId} as read (plain or interface-only ones). */
    private boolean readForSubscribers(String dataInfoId) {
        return registry.hasSubscribers(dataInfoId) || registry.hasSubscribers(PushTargets.of(dataInfoId, true));
    }

    /** A push round's read, which declares interest; if the datum lost its subscribers meanwhile, withdraw again. */
    private DatumReply readForPush(String dataInfoId, long sinceVersion) {
        try {
            return router.readForPush(dataInfoId, sinceVersion);
        } finally {
            registry.declared(List.of(dataInfoId));
        }
    }

    /**
     * Test hook: while {@code drop} is true this session drops every change notice it receives, as if lost on the
     * way, so tests can show that the periodic version check repairs it.
     */
    public void dropChangeNotices(boolean drop) {
        droppingNotices = drop;
    }

    /** Reads a datum through its slot leader, for the admin API. */
    public Datum readDatum(String dataIdOrDataInfoId) {
        return router.read(DataInfoId.parse(dataIdOrDataInfoId, config.limits()).toString());
    }

    public String address() {
        return address;
    }

    public ProcessId processId() {
        return processId;
    }

    /** The cluster view as of the last heartbeat reply handled (its levers applied); empty before the first. */
    public ClusterView view() {
        ClusterView applied = appliedView;
        return applied == null ? ClusterView.EMPTY : applied;
    }

    /** This session's copy of meta's revision catalog. */
    public SessionCatalog catalog() {
        return revisions.catalog();
    }

    /** The incident levers in force here, as the last heartbeat brought them. */
    public IncidentLevers levers() {
        return levers.current();
    }

    /** This session's own stop-push (roster session stop-push): no meta needed, kept across restarts. */
    public void stopPush(boolean stopped) {
        levers.stopPush(stopped);
        heartbeat.beatSoon(); // roster status shows it at once
    }

    public boolean pushStopped() {
        return levers != null && levers.pushStopped();
    }

    public int publisherCount() {
        return registry.publisherCount();
    }

    public int subscriberCount() {
        return registry.subscriberCount();
    }

    public int clientCount() {
        return registry.clientCount();
    }

    @Override
    public synchronized void close() {
        if (server == null) {
            return;
        }
        stopping = true;
        closeAll(hellos, digests, heartbeat, revisions);
        BoltServers.safeShutdown(server);
        closeAll(withdrawals, versionCheck, pushEngine);
        NamedThreads.shutdown(notices);
        NamedThreads.shutdown(reconcile);
        NamedThreads.shutdown(queries);
        NamedThreads.shutdown(refusalTimer);
        closeAll(removals, handlers, writes, caller);
        server = null;
        LOG.info("session {} stopped", address);
    }

    /** Closes each piece in order; one that start() did not reach is null. */
    private static void closeAll(AutoCloseable... pieces) {
        for (AutoCloseable piece : pieces) {
            if (piece == null) {
                continue;
            }
            try {
                piece.close();
            } catch (Exception e) {
                LOG.warn("closing {} failed", piece.getClass().getSimpleName(), e);
            }
        }
    }
}
