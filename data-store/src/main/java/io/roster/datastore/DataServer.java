package io.roster.datastore;

import com.alipay.remoting.ConnectionEventType;
import com.alipay.remoting.rpc.RpcServer;
import com.codahale.metrics.MetricRegistry;
import io.roster.common.config.ConfigKeys;
import io.roster.common.config.RosterConfig;
import io.roster.common.heartbeat.ClusterChangedHandler;
import io.roster.common.heartbeat.HeartbeatLoop;
import io.roster.common.heartbeat.MetaClient;
import io.roster.common.model.Datum;
import io.roster.common.model.NodeInfo;
import io.roster.common.model.NodeRole;
import io.roster.common.model.ProcessId;
import io.roster.common.rpc.BoltServers;
import io.roster.common.rpc.RpcCaller;
import io.roster.common.tls.NodeTls;
import io.roster.common.slot.SlotFunction;
import io.roster.common.slot.SlotRanges;
import io.roster.common.util.NamedThreads;
import io.roster.common.view.ClusterView;
import io.roster.common.wire.HeartbeatRequest;
import io.roster.datastore.change.ChangeFanout;
import io.roster.datastore.migration.PromotionReport;
import io.roster.datastore.migration.SlotPromotion;
import io.roster.datastore.replication.FollowerCopies;
import io.roster.datastore.replication.FollowerSync;
import io.roster.datastore.replication.ReplicaReporter;
import io.roster.datastore.replication.ReplicaSender;
import io.roster.datastore.rpc.ClientOffWriteHandler;
import io.roster.datastore.rpc.DataRequestContext;
import io.roster.datastore.rpc.DatumVersionsHandler;
import io.roster.datastore.rpc.GetDatumHandler;
import io.roster.datastore.rpc.InterestWithdrawalHandler;
import io.roster.datastore.rpc.PublishBatchHandler;
import io.roster.datastore.rpc.PublishWriteHandler;
import io.roster.datastore.rpc.ReplicaDigestHandler;
import io.roster.datastore.rpc.ReplicaFetchHandler;
import io.roster.datastore.rpc.ReplicaPushHandler;
import io.roster.datastore.rpc.RequestChecks;
import io.roster.datastore.rpc.SessionDigestHandler;
import io.roster.datastore.rpc.SessionHelloHandler;
import io.roster.datastore.rpc.SessionSlotSyncHandler;
import io.roster.datastore.rpc.UnpublishWriteHandler;
import io.roster.datastore.session.ChangeNotifier;
import io.roster.datastore.session.SessionConnections;
import io.roster.datastore.slot.SlotAssignment;
import io.roster.datastore.slot.SlotState;
import io.roster.datastore.slot.SlotStates;
import io.roster.datastore.store.LoadReport;
import io.roster.datastore.store.OpenedStore;
import io.roster.datastore.store.SlotGuard;
import io.roster.datastore.store.SlotStore;
import io.roster.datastore.store.TombstoneCollector;
import io.roster.datastore.store.rocks.RocksDataStore;
import io.roster.datastore.view.ClusterViewHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;

/**
 * A data node (docs/ARCHITECTURE.md): holds copies of slots in memory, persisted in RocksDB; leads some (takes
 * writes, serves reads, notifies sessions, streams changes to followers) and follows others (keeps a warm copy).
 * The slot table comes from meta's heartbeat replies.
 */
public final class DataServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DataServer.class);
    private static final int RPC_THREADS = 4;
    private static final long HOUSEKEEPING_MS = 1000;

    private final RosterConfig config;
    /** The node's TLS (tls.*): its port admits node certificates only; its links to peers, sessions and meta show its own. */
    private final NodeTls tls;
    private final MetricRegistry metrics;
    private final int slotCount;
    private final SessionConnections sessions = new SessionConnections();
    private final SlotStates states = new SlotStates();
    private final RpcServer server;
    private final ExecutorService rpcExecutor = NamedThreads.pool("data-rpc", RPC_THREADS);
    private final ScheduledExecutorService housekeeping = NamedThreads.scheduler("data-housekeeping");
    private final AtomicReference<SlotAssignment> assignment;
    /** The clock tombstone grace is measured with (tests move it by hand). */
    private final LongSupplier tombstoneClock;
    private volatile TombstoneCollector tombstones;
    private final List<AutoCloseable> closeInReverse = new ArrayList<>();

    private volatile String address;
    private volatile ProcessId processId;
    private volatile OpenedStore opened;
    private volatile FollowerCopies copies;
    private volatile SlotPromotion promotion;
    private volatile HeartbeatLoop heartbeat;

    public DataServer(RosterConfig config) {
        this(config, new MetricRegistry());
    }

    /** @param metrics the node's registry: notice and interest figures go there (served on /metrics) */
    public DataServer(RosterConfig config, MetricRegistry metrics) {
        this(config, metrics, System::currentTimeMillis);
    }

    /** @param tombstoneClock milliseconds, for the grace of data.tombstone-grace-ms */
    DataServer(RosterConfig config, MetricRegistry metrics, LongSupplier tombstoneClock) {
        this.config = config;
        this.tombstoneClock = tombstoneClock;
        this.metrics = metrics;
        metrics.gauge("data.session.interests", () -> sessions.interests()::size);
        metrics.gauge("data.sessions.connected", () -> sessions::size);
        DataMetrics.register(metrics, () -> opened, states);
        this.slotCount = config.get(ConfigKeys.CLUSTER_SLOTS);
        this.tls = NodeTls.from(config);
        this.server = BoltServers.create(config.bindHost(), config.get(ConfigKeys.DATA_PORT), config.maxFrameBytes(),
                tls.nodePort());
        this.assignment = new AtomicReference<>(SlotAssignment.none("(not started)", slotCount));
        server.addConnectionEventProcessor(ConnectionEventType.CLOSE, sessions);
    }

    /**
     * Binds data.port, loads this node's copy from RocksDB (in roster.data-dir/data-PORT), then starts heartbeating
     * to meta; requests get UNAVAILABLE until the first slot table arrives.
     */
    public synchronized void start() {
        if (address != null) {
            throw new IllegalStateException("data server already started at " + address);
        }
        try {
            BoltServers.start(server, ConfigKeys.DATA_PORT.name());
            address = config.get(ConfigKeys.HOST) + ":" + server.port();
            processId = ProcessId.current(address);
            assignment.set(SlotAssignment.none(address, slotCount));
            opened = openStore();
            closeInReverse.add(opened);
            startParts(opened.store());
        } catch (RuntimeException e) {
            close();
            throw e;
        }
        LOG.info("data node {} started as {}, heartbeating to meta at {}", address, processId,
                String.join(",", config.metaServers()));
    }

    private OpenedStore openStore() {
        Path dir = Path.of(config.get(ConfigKeys.DATA_DIR)).resolve("data-" + server.port());
        // The store asks, under a slot's lock, whether the slot's phase still allows the write, and whether meta
        // has expired the session it is made for.
        SlotGuard guard = SlotGuard.of(states::leads, states::follows, session -> !sessions.isExpired(session));
        OpenedStore store = RocksDataStore.open(dir, slotCount, guard);
        states.seedHeld(store.store().slots(), System.currentTimeMillis());
        return store;
    }

    private void startParts(SlotStore store) {
        int rpcTimeout = config.get(ConfigKeys.RPC_TIMEOUT_MS);
        RpcCaller peers = closing(new RpcCaller(tls.outgoing()));
        ChangeNotifier notifier = closing(new ChangeNotifier(sessions, server::oneway, metrics.counter("data.notices.sent")));
        ReplicaSender sender = closing(new ReplicaSender(address, assignment::get, store, peers, rpcTimeout,
                config.maxFrameBytes() / 2));
        ChangeFanout fanout = new ChangeFanout(sender, notifier, states);
        copies = new FollowerCopies(store, states);
        FollowerSync followerSync = closing(new FollowerSync(address, assignment::get, store, copies, peers, rpcTimeout,
                config.get(ConfigKeys.DATA_REPLICA_SYNC_INTERVAL_MS), this::beatSoon));
        SlotFunction slotFunction = new SlotFunction(slotCount);
        promotion = closing(new SlotPromotion(address, () -> store, states, this::view, sessions, slotFunction, peers, fanout,
                config.get(ConfigKeys.DATA_MIGRATION_TIMEOUT_MS), rpcTimeout, metrics.counter("data.migration.silent-past-bound")));
        DataRequestContext ctx = new DataRequestContext(() -> store, assignment::get, states, copies,
                new RequestChecks(config.limits(), slotFunction), fanout, sessions, rpcExecutor, metrics.counter("data.writes"));
        List.of(new SessionHelloHandler(ctx), new PublishWriteHandler(ctx), new PublishBatchHandler(ctx), new UnpublishWriteHandler(ctx),
                new ClientOffWriteHandler(ctx), new GetDatumHandler(ctx, metrics.counter("data.reads.whole"), metrics.counter("data.reads.delta")), new SessionDigestHandler(ctx),
                new SessionSlotSyncHandler(ctx), new ReplicaPushHandler(ctx), new ReplicaDigestHandler(ctx),
                new ReplicaFetchHandler(ctx), new DatumVersionsHandler(ctx), new InterestWithdrawalHandler(ctx)).forEach(server::registerUserProcessor);
        server.registerUserProcessor(new ClusterChangedHandler(this::beatSoon, rpcExecutor));

        ClusterViewHandler views = new ClusterViewHandler(address, slotCount, assignment, states, store, sessions, fanout,
                promotion, followerSync, copies);
        NodeInfo self = new NodeInfo(NodeRole.DATA, address, processId);
        ReplicaReporter replicas = new ReplicaReporter(copies, states);
        RpcCaller metaCaller = closing(new RpcCaller(tls.outgoing()));
        MetaClient meta = new MetaClient(metaCaller, config.metaServers(), rpcTimeout);
        // The assignment is installed by the view handler on this same heartbeat thread, so it is the table of `epoch`.
        heartbeat = closing(new HeartbeatLoop("data", meta, config.get(ConfigKeys.HEARTBEAT_INTERVAL_MS),
                epoch -> new HeartbeatRequest(self, epoch, store.publisherCount(), 0, sessions.size(),
                        replicas.report(assignment.get())), views));
        heartbeat.start();
        followerSync.start();
        long dropDelay = config.get(ConfigKeys.DATA_MOVED_SLOT_DROP_DELAY_MS);
        housekeeping.scheduleWithFixedDelay(() -> dropMovedSlots(store, dropDelay), HOUSEKEEPING_MS, HOUSEKEEPING_MS,
                TimeUnit.MILLISECONDS);
        long grace = config.get(ConfigKeys.DATA_TOMBSTONE_GRACE_MS);
        tombstones = new TombstoneCollector(store, grace);
        long sweepMs = Math.max(HOUSEKEEPING_MS, Math.min(grace / 4, 60_000));
        housekeeping.scheduleWithFixedDelay(this::sweepTombstones, sweepMs, sweepMs, TimeUnit.MILLISECONDS);
    }

    private void sweepTombstones() {
        try {
            tombstones.sweep(tombstoneClock.getAsLong());
        } catch (RuntimeException e) {
            LOG.error("collecting tombstones failed", e);
        }
    }

    /** Runs one tombstone sweep now, on the housekeeping thread, and waits for it (tests). */
    void sweepTombstonesNow() throws Exception {
        housekeeping.submit(this::sweepTombstones).get();
    }

    private <T extends AutoCloseable> T closing(T part) {
        closeInReverse.add(part);
        return part;
    }

    private void beatSoon() {
        HeartbeatLoop loop = heartbeat;
        if (loop != null) {
            loop.beatSoon();
        }
    }

    private void dropMovedSlots(SlotStore store, long delayMs) {
        try {
            List<Integer> dropped = states.dropDue(System.currentTimeMillis(), delayMs, store::dropSlot);
            if (!dropped.isEmpty()) {
                LOG.info("dropped the copies of slots {}: not held here for {} ms", SlotRanges.format(dropped), delayMs);
            }
        } catch (RuntimeException e) {
            LOG.error("dropping moved slots failed", e);
        }
    }

    /** host:port this node listens on; known after {@link #start}. */
    public String address() {
        return requireStarted(address);
    }

    public ProcessId processId() {
        return requireStarted(processId);
    }

    /** The cluster as of the last heartbeat reply ({@link ClusterView#EMPTY} before the first one). */
    public ClusterView view() {
        HeartbeatLoop loop = heartbeat;
        return loop == null ? ClusterView.EMPTY : loop.view();
    }

    /** The datum as stored on this node, whether or not it leads the slot now: for the admin API. */
    public Datum localDatum(String dataInfoId) {
        return requireStarted(opened).store().get(dataInfoId);
    }

    public long publisherCount() {
        OpenedStore o = opened;
        return o == null ? 0 : o.store().publisherCount();
    }

    public long datumCount() {
        OpenedStore o = opened;
        return o == null ? 0 : o.store().datumCount();
    }

    /** This node's slots and their phases (MIGRATING, ACCEPT, FOLLOWER, MOVED), in slot order. */
    public List<SlotState> localSlots() {
        return states.all();
    }

    /** Whether this node leads {@code slot} at {@code leaderEpoch} and serves it (ACCEPT). */
    public boolean accepting(int slot, long leaderEpoch) {
        return states.accepting(slot, leaderEpoch);
    }

    /** Whether the follower copy of {@code slot} caught up with the leader of {@code leaderEpoch}. */
    public boolean caughtUp(int slot, long leaderEpoch) {
        FollowerCopies c = copies;
        return c != null && c.caughtUp(slot, leaderEpoch);
    }

    /** The last reconciliation round that took led slots to ACCEPT (null before the first). */
    public PromotionReport lastPromotion() {
        SlotPromotion p = promotion;
        return p == null ? null : p.lastReport();
    }

    /** What loading the RocksDB copy at start found. */
    public LoadReport loadReport() {
        return requireStarted(opened).report();
    }

    /**
     * Ready to serve its share: a usable slot table, every slot it leads in ACCEPT and every slot it follows caught
     * up with its leader.
     */
    public boolean isReady() {
        SlotAssignment current = assignment.get();
        FollowerCopies c = copies;
        if (!current.usable().ok() || c == null) {
            return false;
        }
        return current.ledSlots().entrySet().stream().allMatch(e -> states.accepting(e.getKey(), e.getValue()))
                && current.followedSlots().entrySet().stream().allMatch(e -> c.caughtUp(e.getKey(), e.getValue()));
    }

    /** The sessions this node sends {@code dataInfoId}'s change notices to. */
    public Set<ProcessId> localInterests(String dataInfoId) {
        return sessions.interests().interested(dataInfoId);
    }

    /** Session processes with a live hello connection. */
    public int sessionCount() {
        return sessions.size();
    }

    /**
     * The epoch of the slot table this node serves by. The heartbeat publishes a new {@link #view()} before its
     * listener installs the table's assignment, so a caller waiting for a table to take effect waits for this.
     */
    public long servedTableEpoch() {
        return assignment.get().epoch();
    }

    /** How many slots this node leads in its current slot table. */
    public int ledSlotCount() {
        return assignment.get().ledSlots().size();
    }

    @Override
    public synchronized void close() {
        HeartbeatLoop loop = heartbeat;
        if (loop != null) {
            loop.close();
        }
        BoltServers.safeShutdown(server);
        NamedThreads.shutdown(housekeeping);
        NamedThreads.shutdown(rpcExecutor);
        for (int i = closeInReverse.size() - 1; i >= 0; i--) {
            try {
                closeInReverse.get(i).close();
            } catch (Exception e) {
                LOG.warn("closing {} failed", closeInReverse.get(i).getClass().getSimpleName(), e);
            }
        }
        closeInReverse.clear();
        if (address != null) {
            LOG.info("data node {} stopped", address);
        }
    }

    private <T> T requireStarted(T value) {
        if (value == null) {
            throw new IllegalStateException("data server not started");
        }
        return value;
    }
}
