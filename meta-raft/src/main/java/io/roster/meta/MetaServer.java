package io.roster.meta;

import com.alipay.remoting.rpc.RpcServer;
import com.codahale.metrics.MetricRegistry;
import com.alipay.sofa.jraft.Node;
import com.alipay.sofa.jraft.NodeManager;
import com.alipay.sofa.jraft.RaftGroupService;
import com.alipay.sofa.jraft.Status;
import com.alipay.sofa.jraft.conf.Configuration;
import com.alipay.sofa.jraft.entity.PeerId;
import com.alipay.sofa.jraft.error.RaftError;
import com.alipay.sofa.jraft.option.NodeOptions;
import com.alipay.sofa.jraft.option.RaftOptions;
import com.alipay.sofa.jraft.rpc.RaftRpcServerFactory;
import com.alipay.sofa.jraft.rpc.impl.BoltRpcServer;
import io.roster.common.config.ConfigKeys;
import io.roster.common.config.HostPort;
import io.roster.common.app.RevisionCatalog;
import io.roster.common.config.RosterConfig;
import io.roster.common.model.Switch;
import io.roster.common.rpc.BoltServers;
import io.roster.common.rpc.PortInUseException;
import io.roster.common.rpc.WireTypes;
import io.roster.common.util.NamedThreads;
import io.roster.meta.lease.LeaseTracker;
import io.roster.meta.lease.RevisionUseTracker;
import io.roster.meta.leader.LeaderLoop;
import io.roster.meta.notice.BoltClusterNoticeSender;
import io.roster.meta.notice.ClusterChangeNotifier;
import io.roster.meta.raft.LinkSecured;
import io.roster.meta.raft.MetaStateMachine;
import io.roster.meta.raft.RaftNodeRole;
import io.roster.meta.raft.RaftRecordProposer;
import io.roster.meta.raft.RaftRole;
import io.roster.meta.rpc.ClusterStatusHandler;
import io.roster.meta.rpc.RevisionCatalogHandler;
import io.roster.meta.rpc.RevisionRegistrationHandler;
import io.roster.meta.rpc.SessionListHandler;
import io.roster.meta.rpc.LeverHandler;
import io.roster.meta.rpc.AclHandler;
import io.roster.meta.rpc.SwitchHandler;
import io.roster.meta.rpc.HeartbeatHandler;
import io.roster.meta.rpc.LeaderRequest;
import io.roster.meta.slot.SlotScheduler;
import io.roster.meta.image.MetaImage;
import io.roster.meta.image.MetaListener;
import io.roster.meta.state.MetaState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One member of the meta Raft group ("roster-meta"). Raft, the heartbeat and the cluster-status processors share
 * one bolt server on meta.port. Every meta node serves the calls; only the leader answers them, the others
 * redirect with NOT_LEADER.
 */
public final class MetaServer implements AutoCloseable {
    public static final String GROUP_ID = "roster-meta";
    private static final Logger LOG = LoggerFactory.getLogger(MetaServer.class);
    private static final int RPC_THREADS = 8;

    private final MetaServerOptions options;
    private final MetaStateMachine stateMachine;
    private final LeaderLoop leaderLoop;
    private final RaftRole role;
    private volatile Node node;
    private RaftGroupService group;
    private BoltRpcServer rpcServer;
    private ExecutorService rpcExecutor;
    private volatile ClusterChangeNotifier notifier;
    private volatile boolean started;
    private volatile boolean closed;

    public MetaServer(RosterConfig config) {
        this(config, new MetricRegistry());
    }

    /** @param metrics the node's registry: the revision gauges and counters go there (served on /metrics) */
    public MetaServer(RosterConfig config, MetricRegistry metrics) {
        this(MetaServerOptions.from(config), metrics);
    }

    public MetaServer(MetaServerOptions options) {
        this(options, new MetricRegistry());
    }

    public MetaServer(MetaServerOptions options, MetricRegistry metrics) {
        this.options = options;
        LeaseTracker lease = new LeaseTracker(options.leaseMs(), () -> System.nanoTime() / 1_000_000);
        this.leaderLoop = new LeaderLoop(options.leaderOptions(), this::image, new RaftRecordProposer(this::raftNode),
                new SlotScheduler(), lease, new RevisionUseTracker(options.revisionGraceMs(), lease::nowMs));
        this.stateMachine = new MetaStateMachine(options.peers(), leaderLoop);
        this.role = new RaftNodeRole(this::raftNode, stateMachine::committedPeers);
        MetaMetrics.register(metrics, stateMachine, this::raftNode);
    }

    /**
     * Binds meta.port and joins the Raft group. A taken port fails at once with {@link PortInUseException}; any
     * failure releases what was already created.
     */
    public synchronized void start() {
        if (started || closed) {
            throw new IllegalStateException("a MetaServer starts once");
        }
        started = true;
        try {
            startRaft();
        } catch (RuntimeException e) {
            releaseAfterFailedStart();
            throw e;
        }
        LOG.info("meta {} started: group {} peers {}, Raft data in {}", options.address(), GROUP_ID, options.peers(),
                options.raftDir());
    }

    private void startRaft() {
        WireTypes.install();
        BoltServers.checkBindable(options.bindHost(), options.port(), ConfigKeys.META_PORT.name());
        if (!options.peers().contains(options.address())) {
            LOG.warn("meta.peers {} does not name this node ({}); it will only take part once the group adds it",
                    options.peers(), options.address());
        }
        try {
            Files.createDirectories(options.raftDir());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the meta Raft directory " + options.raftDir() + ": " + e.getMessage(), e);
        }
        rpcExecutor = NamedThreads.pool("meta-rpc", RPC_THREADS);
        // before Raft starts, so no applied table is missed; it sends only while this node's leader loop is active
        notifier = new ClusterChangeNotifier(leaderLoop::isActive, new BoltClusterNoticeSender(options.tls().outgoing()), ClusterChangeNotifier.DEFAULT_THREADS);
        stateMachine.addListener(notifier);
        rpcServer = createRpcServer();
        group = new RaftGroupService(GROUP_ID, self(), nodeOptions(), rpcServer, true);
        try {
            node = group.start();
        } catch (IllegalStateException e) {
            if (String.valueOf(e.getMessage()).contains("Failed to start the Server")) {
                // Someone took the port between the check above and now.
                throw new PortInUseException("cannot listen on " + options.address() + " (" + ConfigKeys.META_PORT.name()
                        + "): the port is already in use. Stop the other process or choose another port with --set "
                        + ConfigKeys.META_PORT.name() + "=PORT", e);
            }
            throw new IllegalStateException("meta on " + options.address() + " failed to start: " + e.getMessage(), e);
        }
    }

    /**
     * The local Raft node. A one-node group elects itself inside RaftGroupService.start(), so the leader loop
     * may need the node before start() has returned it; jraft registers it with its NodeManager first.
     */
    Node raftNode() { // package-private too: MetaCappedLogRestartTest writes entries no handler would send
        Node n = node;
        return n != null || closed || !started ? n : NodeManager.getInstance().get(GROUP_ID, self());
    }

    private PeerId self() {
        return new PeerId(options.host(), options.port());
    }

    /**
     * The bolt server shared by Raft and our processors, bound to roster.bind-host (default roster.host; jraft's own
     * factory would bind every interface). jraft names this node by its PeerId (roster.host:meta.port) and only
     * refuses a wildcard PeerId, so the server may listen on 0.0.0.0 while the group knows the node by roster.host.
     * Our processors must be registered before it starts.
     */
    private BoltRpcServer createRpcServer() {
        BoltRpcServer server = new BoltRpcServer(BoltServers.guardFrames(new RpcServer(options.bindHost(), options.port(), true),
                options.maxFrameBytes(), options.tls().nodePort()));
        RaftRpcServerFactory.addRaftRequestProcessors(server);
        RpcServer bolt = server.getServer();
        LeaderRequest leader = new LeaderRequest(role, leaderLoop, this::image);
        bolt.registerUserProcessor(new HeartbeatHandler(leader, options.joinWaitMs(), rpcExecutor));
        bolt.registerUserProcessor(new ClusterStatusHandler(leader, rpcExecutor));
        bolt.registerUserProcessor(new SessionListHandler(role, this::image, rpcExecutor));
        bolt.registerUserProcessor(new SwitchHandler(leader, options.joinWaitMs() * 2, rpcExecutor));
        bolt.registerUserProcessor(new LeverHandler(leader, options.joinWaitMs() * 2, rpcExecutor));
        bolt.registerUserProcessor(new AclHandler(leader, options.joinWaitMs() * 2, rpcExecutor));
        bolt.registerUserProcessor(new RevisionRegistrationHandler(leader, options.limits(), options.joinWaitMs() * 2,
                options.maxRevisions(), rpcExecutor));
        bolt.registerUserProcessor(new RevisionCatalogHandler(leader, options.joinWaitMs(), rpcExecutor));
        return server;
    }

    private NodeOptions nodeOptions() {
        // A joining node starts with no peers, so it never elects itself; the group's leader adds it (add-peer).
        // Either way jraft uses the initial configuration only on empty storage: a restarted node keeps its own.
        Configuration conf = new Configuration();
        if (!options.join()) {
            for (String peer : options.peers()) {
                HostPort hp = HostPort.parse(peer);
                conf.addPeer(new PeerId(hp.host(), hp.port()));
            }
        }
        RaftOptions raftOptions = new RaftOptions();
        raftOptions.setSync(true);
        NodeOptions nodeOptions = LinkSecured.nodeOptions(options.tls().outgoing()); // Raft's links to peers
        nodeOptions.setRaftOptions(raftOptions);
        nodeOptions.setElectionTimeoutMs(options.electionTimeoutMs());
        nodeOptions.setSnapshotIntervalSecs(options.snapshotIntervalSecs());
        nodeOptions.setInitialConf(conf);
        nodeOptions.setFsm(stateMachine);
        nodeOptions.setLogUri(options.raftDir().resolve("log").toString());
        nodeOptions.setRaftMetaUri(options.raftDir().resolve("raft_meta").toString());
        nodeOptions.setSnapshotUri(options.raftDir().resolve("snapshot").toString());
        return nodeOptions;
    }

    /**
     * Releases whatever a failed start created. RaftGroupService.start() may have created and initialised the
     * node before the bolt server failed, and then its own shutdown() does nothing, so stop the node directly.
     */
    private void releaseAfterFailedStart() {
        closed = true;
        leaderLoop.close();
        Node created = group == null ? null : group.getRaftNode();
        if (created != null) {
            created.shutdown();
            try {
                created.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (group != null) {
            // start() registered the address before creating the node, and only its shutdown() would remove it
            NodeManager.getInstance().removeAddress(self().getEndpoint());
        }
        node = null;
        shutdownRpc();
    }

    public boolean isLeader() {
        return role.isLeader();
    }

    /** The leader's host:port, or "" while unknown. */
    public String leaderAddress() {
        return role.leaderAddress();
    }

    public List<String> peers() {
        return role.peers();
    }

    /** The replicated image as applied on this node (a follower may lag the leader slightly). */
    public MetaImage image() {
        return stateMachine.image();
    }

    /**
     * The registered revisions as applied on this node: live revisions, the interface-to-application pairs and the
     * catalog's version (the log index of its last change). Immutable; for the admin API and tests.
     */
    public RevisionCatalog revisions() {
        return image().revisions().catalog();
    }

    /** {@link #image()} in its stored (snapshot) form. */
    public MetaState state() {
        return image().toSnapshot();
    }

    /** Calls {@code listener} with each image this node applies and its delta, on the Raft apply thread (keep it quick). */
    public void addListener(MetaListener listener) {
        stateMachine.addListener(listener);
    }

    /**
     * The newest slot-table epoch this node, as leader, announced to the data and session nodes with a
     * {@link io.roster.common.wire.ClusterChangedNotice}; 0 if it never did (a node that only followed).
     */
    public long announcedEpoch() {
        ClusterChangeNotifier n = notifier;
        return n == null ? 0 : n.announcedEpoch();
    }

    /** This node's host:port. */
    public String address() {
        return options.address();
    }

    public MetaServerOptions options() {
        return options;
    }

    /**
     * Turns a cluster switch on or off through the log; only the leader can. Completes with the image after the
     * change, or fails with {@link io.roster.meta.raft.ProposalFailedException} (notLeader() on a follower).
     */
    public CompletableFuture<MetaImage> setSwitch(Switch target, boolean on) {
        return leaderLoop.setSwitch(target, on);
    }

    /** {@link #setSwitch} for {@link Switch#PUSH}: whether sessions push data changes to subscribers. */
    public CompletableFuture<MetaImage> setPushEnabled(boolean enabled) {
        return setSwitch(Switch.PUSH, enabled);
    }

    /** Takes a snapshot now (tests, the CLI); completes with jraft's status. */
    public CompletableFuture<Status> snapshot() {
        CompletableFuture<Status> done = new CompletableFuture<>();
        Node n = node;
        if (n == null) {
            done.complete(new Status(RaftError.EINVAL, "meta is not started"));
        } else {
            n.snapshot(done::complete);
        }
        return done;
    }

    /** Stops the leader loop, then Raft, then the shared bolt server last (Raft still used it). */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        leaderLoop.close();
        if (group != null) {
            group.shutdown();
            try {
                group.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        node = null;
        shutdownRpc();
        if (started) {
            awaitPortReleased();
        }
        LOG.info("meta {} stopped", options.address());
    }

    /**
     * bolt closes its listening channel without waiting for it, so the port can stay bound for a moment after
     * shutdown. Waiting here lets a restart on the same port (a launcher, a test) bind at once.
     */
    private void awaitPortReleased() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (true) {
            try {
                BoltServers.checkBindable(options.bindHost(), options.port(), ConfigKeys.META_PORT.name());
                return;
            } catch (PortInUseException stillBound) {
                if (System.nanoTime() > deadline) {
                    LOG.warn("{} is still bound 5 s after meta stopped", options.address());
                    return;
                }
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Also stops the notices: Raft, which fed them, has stopped by now. */
    private void shutdownRpc() {
        if (notifier != null) {
            notifier.close();
        }
        if (rpcServer != null) {
            BoltServers.safeShutdown(rpcServer.getServer());
        }
        if (rpcExecutor != null) {
            NamedThreads.shutdown(rpcExecutor);
        }
    }
}
