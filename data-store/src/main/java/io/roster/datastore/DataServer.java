package io.roster.datastore;

import com.alipay.remoting.ConnectionEventType;
import com.alipay.remoting.rpc.RpcServer;
import io.roster.common.config.ConfigKeys;
import io.roster.common.config.RosterConfig;
import io.roster.common.meta.ClusterView;
import io.roster.common.meta.HeartbeatLoop;
import io.roster.common.meta.MetaClient;
import io.roster.common.model.Datum;
import io.roster.common.model.NodeInfo;
import io.roster.common.model.NodeRole;
import io.roster.common.model.ProcessId;
import io.roster.common.rpc.BoltServers;
import io.roster.common.rpc.RpcCaller;
import io.roster.common.slot.SlotFunction;
import io.roster.common.util.NamedThreads;
import io.roster.common.wire.HeartbeatRequest;
import io.roster.datastore.rpc.ClientOffWriteHandler;
import io.roster.datastore.rpc.DataRequestContext;
import io.roster.datastore.rpc.GetDatumHandler;
import io.roster.datastore.rpc.PublishWriteHandler;
import io.roster.datastore.rpc.RequestChecks;
import io.roster.datastore.rpc.SessionHelloHandler;
import io.roster.datastore.rpc.UnpublishWriteHandler;
import io.roster.datastore.session.ChangeNotifier;
import io.roster.datastore.session.SessionConnections;
import io.roster.datastore.slot.ReplicaReporter;
import io.roster.datastore.slot.SlotOwnership;
import io.roster.datastore.store.InMemorySlotStore;
import io.roster.datastore.store.SlotStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A data node: serves writes and reads of the slots it leads (per the slot table from meta's heartbeat replies)
 * and sends change notices to the sessions that said hello. Storage is in memory for now.
 */
public final class DataServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DataServer.class);
    private static final int RPC_THREADS = 4;

    private final RosterConfig config;
    private final int slotCount;
    private final SlotStore store = new InMemorySlotStore();
    private final SessionConnections sessions = new SessionConnections();
    private final RpcServer server;
    private final ExecutorService rpcExecutor = NamedThreads.pool("data-rpc", RPC_THREADS);
    private final ChangeNotifier notifier;
    private final AtomicReference<SlotOwnership> ownership;

    private volatile String address;
    private volatile ProcessId processId;
    private volatile RpcCaller metaCaller;
    private volatile HeartbeatLoop heartbeat;

    public DataServer(RosterConfig config) {
        this.config = config;
        this.slotCount = config.get(ConfigKeys.CLUSTER_SLOTS);
        this.server = BoltServers.create(config.get(ConfigKeys.HOST), config.get(ConfigKeys.DATA_PORT));
        this.notifier = new ChangeNotifier(sessions, server::oneway);
        this.ownership = new AtomicReference<>(SlotOwnership.none("(not started)", slotCount));
        DataRequestContext ctx = new DataRequestContext(store, ownership::get,
                new RequestChecks(config.limits(), new SlotFunction(slotCount)), notifier, sessions, rpcExecutor);
        server.registerUserProcessor(new SessionHelloHandler(ctx));
        server.registerUserProcessor(new PublishWriteHandler(ctx));
        server.registerUserProcessor(new UnpublishWriteHandler(ctx));
        server.registerUserProcessor(new ClientOffWriteHandler(ctx));
        server.registerUserProcessor(new GetDatumHandler(ctx));
        server.addConnectionEventProcessor(ConnectionEventType.CLOSE, sessions);
    }

    /** Binds data.port and starts heartbeating to meta; requests get UNAVAILABLE until the first slot table arrives. */
    public synchronized void start() {
        if (address != null) {
            throw new IllegalStateException("data server already started at " + address);
        }
        try {
            BoltServers.start(server, ConfigKeys.DATA_PORT.name());
        } catch (RuntimeException e) {
            closeExecutors();
            throw e;
        }
        address = config.get(ConfigKeys.HOST) + ":" + server.port();
        processId = ProcessId.current(address);
        ownership.set(SlotOwnership.none(address, slotCount));
        ClusterViewHandler views = new ClusterViewHandler(address, slotCount, ownership, store, sessions, notifier);
        NodeInfo self = new NodeInfo(NodeRole.DATA, address, processId);
        ReplicaReporter replicas = new ReplicaReporter();
        metaCaller = new RpcCaller();
        MetaClient meta = new MetaClient(metaCaller, config.metaServers(), config.get(ConfigKeys.RPC_TIMEOUT_MS));
        // The ownership is installed by views::onView on this same heartbeat thread, so it is the table of `epoch`.
        heartbeat = new HeartbeatLoop("data", meta, config.get(ConfigKeys.HEARTBEAT_INTERVAL_MS),
                epoch -> new HeartbeatRequest(self, epoch, store.publisherCount(), 0, sessions.size(),
                        replicas.report(ownership.get())), views::onView);
        heartbeat.start();
        LOG.info("data node {} started as {}, heartbeating to meta at {}", address, processId, String.join(",", meta.servers()));
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
        return store.get(dataInfoId);
    }

    public long publisherCount() {
        return store.publisherCount();
    }

    public long datumCount() {
        return store.datumCount();
    }

    /** Session processes with a live hello connection. */
    public int sessionCount() {
        return sessions.size();
    }

    /** How many slots this node leads in its current slot table. */
    public int ledSlotCount() {
        return ownership.get().ledSlots().size();
    }

    @Override
    public synchronized void close() {
        HeartbeatLoop loop = heartbeat;
        if (loop != null) {
            loop.close();
        }
        BoltServers.safeShutdown(server);
        closeExecutors();
        RpcCaller caller = metaCaller;
        if (caller != null) {
            caller.close();
        }
        if (address != null) {
            LOG.info("data node {} stopped", address);
        }
    }

    private void closeExecutors() {
        NamedThreads.shutdown(rpcExecutor);
        notifier.close();
    }

    private <T> T requireStarted(T value) {
        if (value == null) {
            throw new IllegalStateException("data server not started");
        }
        return value;
    }
}
