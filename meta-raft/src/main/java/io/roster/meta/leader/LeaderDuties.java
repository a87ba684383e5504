package io.roster.meta.leader;

import io.roster.common.model.NodeInfo;
import io.roster.common.model.NodeRole;
import io.roster.common.model.SlotTable;
import io.roster.common.model.Switch;
import io.roster.common.util.NamedThreads;
import io.roster.common.wire.HeartbeatRequest;
import io.roster.meta.lease.LeaseTracker;
import io.roster.meta.raft.LeadershipListener;
import io.roster.meta.raft.ProposalFailedException;
import io.roster.meta.raft.RecordProposer;
import io.roster.meta.slot.ReplicaProgress;
import io.roster.meta.slot.SlotRules;
import io.roster.meta.slot.SlotScheduler;
import io.roster.meta.state.MetaRecord;
import io.roster.meta.state.MetaState;
import io.roster.meta.state.NodeExpired;
import io.roster.meta.state.NodeJoined;
import io.roster.meta.state.RecordCodec;
import io.roster.meta.state.SlotTableChanged;
import io.roster.meta.state.SwitchChanged;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Everything only the meta leader does: track leases and replica reports, admit joining nodes, expire silent ones,
 * keep the slot table planned for the live data nodes and change switches.
 *
 * <p>Every write is planned and proposed on one thread, which waits for each entry to be applied before planning
 * the next. Plans are therefore made from the state the log will actually hold, and a node's join travels in the
 * same entry as the slot table that places it: the state is never half-changed. Should a write time out and land
 * later, a table planned meanwhile from the older state is refused by its epoch, and the next tick re-plans.
 */
public final class LeaderDuties implements LeadershipListener, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LeaderDuties.class);
    private static final long NOT_LEADING = -1;

    private final LeaderOptions options;
    private final Supplier<MetaState> state;
    private final RecordProposer proposer;
    private final SlotScheduler scheduler;
    private final LeaseTracker lease;
    private final ScheduledExecutorService writer = NamedThreads.scheduler("meta-leader");
    private final AtomicBoolean earlyTick = new AtomicBoolean();
    private final Map<String, NodeLoad> loads = new ConcurrentHashMap<>();
    private final ReplicaReports reports = new ReplicaReports();

    private final Object joinLock = new Object();
    private Map<String, NodeInfo> pendingJoins = new LinkedHashMap<>();
    private CompletableFuture<MetaState> pendingJoinResult;

    private volatile long term = NOT_LEADING;
    /** Touched only on the writer thread. */
    private ScheduledFuture<?> ticking;
    private boolean lastTickFailed;

    public LeaderDuties(LeaderOptions options, Supplier<MetaState> state, RecordProposer proposer, SlotScheduler scheduler,
                        LeaseTracker lease) {
        this.options = options;
        this.state = state;
        this.proposer = proposer;
        this.scheduler = scheduler;
        this.lease = lease;
    }

    /** True once this node leads and has applied every earlier entry: it may answer for the cluster. */
    public boolean isActive() {
        return term != NOT_LEADING;
    }

    @Override
    public void leaderStarted(long newTerm) {
        onWriter(() -> {
            lease.becameLeader();
            loads.clear();
            reports.clear();
            lastTickFailed = false;
            term = newTerm;
            warnIfSlotCountDiffers(state.get().slotTable());
            if (ticking != null) {
                ticking.cancel(false);
            }
            ticking = writer.scheduleWithFixedDelay(this::tick, 0, options.tickMs(), TimeUnit.MILLISECONDS);
        });
    }

    @Override
    public void leaderStopped() {
        term = NOT_LEADING;
        onWriter(() -> {
            term = NOT_LEADING;
            if (ticking != null) {
                ticking.cancel(false);
                ticking = null;
            }
            flushJoins();
        });
    }

    /** Records a heartbeat: renews the node's lease and keeps its counts and replica states. */
    public void heard(HeartbeatRequest request) {
        lease.heard(request.node().address());
        loads.put(request.node().address(), NodeLoad.of(request));
        if (reports.heard(request) && isActive() && earlyTick.compareAndSet(false, true)) {
            // A copy caught up: re-plan now rather than at the next tick, so a re-replication of N slots at
            // meta.max-migrations a step takes N / max-migrations catch-ups, not as many tick periods.
            onWriter(() -> {
                earlyTick.set(false);
                tick();
            });
        }
    }

    public long millisSinceHeard(String address) {
        return lease.millisSinceHeard(address);
    }

    public NodeLoad load(String address) {
        return loads.getOrDefault(address, NodeLoad.NONE);
    }

    /**
     * Admits {@code node} (replacing an older process at its address) together with the slot table that places
     * it. Joins that arrive while a write is in flight are batched into the next entry.
     *
     * @return the state after the entry that admitted it; fails with {@link ProposalFailedException}
     */
    public CompletableFuture<MetaState> join(NodeInfo node) {
        if (!isActive()) {
            return CompletableFuture.failedFuture(new ProposalFailedException("this meta node does not lead", true));
        }
        synchronized (joinLock) {
            pendingJoins.put(node.address(), node);
            if (pendingJoinResult == null) {
                pendingJoinResult = new CompletableFuture<>();
                onWriter(this::flushJoins);
            }
            return pendingJoinResult;
        }
    }

    /**
     * Turns {@code target} on or off through the log.
     *
     * @return the state after the entry; fails with {@link ProposalFailedException} (notLeader when this node
     *         does not lead)
     */
    public CompletableFuture<MetaState> setSwitch(Switch target, boolean on) {
        CompletableFuture<MetaState> result = new CompletableFuture<>();
        if (!isActive()) {
            result.completeExceptionally(new ProposalFailedException("this meta node does not lead", true));
            return result;
        }
        Runnable write = () -> {
            long t = term;
            if (t == NOT_LEADING) {
                result.completeExceptionally(new ProposalFailedException("this meta node stopped leading", true));
                return;
            }
            try {
                MetaState after = commit(t, List.of(new SwitchChanged(target, on)));
                LOG.info("switch {} turned {}", target.key(), on ? "on" : "off");
                result.complete(after);
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        };
        if (!onWriter(write)) {
            result.completeExceptionally(new ProposalFailedException("meta is shutting down", false));
        }
        return result;
    }

    private void flushJoins() {
        Map<String, NodeInfo> nodes;
        CompletableFuture<MetaState> result;
        synchronized (joinLock) {
            nodes = pendingJoins;
            result = pendingJoinResult;
            pendingJoins = new LinkedHashMap<>();
            pendingJoinResult = null;
        }
        if (result == null) {
            return;
        }
        long t = term;
        if (t == NOT_LEADING) {
            result.completeExceptionally(new ProposalFailedException("this meta node stopped leading", true));
            return;
        }
        MetaState before = state.get();
        List<MetaRecord> records = new ArrayList<>();
        for (NodeInfo n : nodes.values()) {
            if (!before.contains(n)) {
                records.add(new NodeJoined(n));
            }
        }
        try {
            MetaState after = commit(t, records);
            records.forEach(r -> logJoin(before, ((NodeJoined) r).node()));
            result.complete(after);
        } catch (ProposalFailedException e) {
            LOG.warn("could not admit {}: {}", nodes.keySet(), e.getMessage());
            result.completeExceptionally(e);
        } catch (RuntimeException e) {
            LOG.error("admitting {} failed", nodes.keySet(), e);
            result.completeExceptionally(e);
        }
    }

    private static void logJoin(MetaState before, NodeInfo node) {
        NodeInfo old = before.node(node.address()).orElse(null);
        if (old == null) {
            LOG.info("{} node {} joined (process {})", node.role(), node.address(), node.processId());
        } else {
            LOG.info("{} node {} restarted: process {} replaces {}", node.role(), node.address(), node.processId(),
                    old.processId());
        }
    }

    /** Expires nodes whose lease ran out and re-plans the slot table if it does not fit the live data nodes. */
    private void tick() {
        long t = term;
        if (t == NOT_LEADING) {
            return;
        }
        try {
            MetaState before = state.get();
            List<MetaRecord> records = new ArrayList<>();
            for (NodeInfo n : before.allNodes()) {
                if (lease.isExpired(n.address())) {
                    records.add(new NodeExpired(n));
                    LOG.info("expiring {} node {} (process {}): no heartbeat for {} ms", n.role(), n.address(),
                            n.processId(), lease.millisSinceHeard(n.address()));
                }
            }
            MetaState after = commit(t, records);
            Set<String> live = new HashSet<>();
            after.allNodes().forEach(n -> live.add(n.address()));
            lease.prune(live);
            loads.keySet().removeIf(a -> !live.contains(a) && lease.isExpired(a));
            reports.retain(live);
            if (lastTickFailed) {
                LOG.info("meta leader writes succeed again");
            }
            lastTickFailed = false;
        } catch (ProposalFailedException e) {
            if (!lastTickFailed) {
                LOG.warn("meta leader could not write its lease and slot changes, retrying every {} ms: {}",
                        options.tickMs(), e.getMessage());
            }
            lastTickFailed = true;
        } catch (RuntimeException e) {
            LOG.error("meta leader tick failed", e);
        }
    }

    /**
     * Writes {@code records} plus the slot table they call for as one entry, and waits for it to be applied.
     * Returns the current state unchanged when there is nothing to write.
     */
    private MetaState commit(long t, List<MetaRecord> records) {
        MetaState before = state.get();
        MetaState planned = RecordCodec.applyAll(before, records);
        for (MetaRecord r : records) {
            if (r instanceof NodeJoined joined) {
                // what it reported before its admission was built on a table that did not place it (or by an
                // older process): planned copies must wait for a report on a table that names them
                reports.forget(joined.node().address());
            }
        }
        ReplicaProgress progress = reports.progress(planned);
        SlotTable table = plan(planned, restartedDataNodes(before, records), progress);
        List<MetaRecord> entry = new ArrayList<>(records);
        if (table != planned.slotTable()) {
            entry.add(new SlotTableChanged(table));
        }
        if (entry.isEmpty()) {
            return before;
        }
        MetaState after = await(proposer.propose(t, entry));
        if (table != planned.slotTable()) {
            logTable(planned.slotTable(), after.slotTable(), progress.migratingSlots(after.slotTable()));
        }
        return after;
    }

    private SlotTable plan(MetaState s, Set<String> restarted, ReplicaProgress progress) {
        SlotTable current = s.slotTable();
        int slots = current.slotCount() > 0 ? current.slotCount() : options.slotCount();
        return scheduler.next(current, s.dataAddresses(), restarted, progress,
                new SlotRules(slots, options.replicas(), options.maxMigrations()));
    }

    /** Addresses where {@code records} replace a live data process with a new one. */
    private static Set<String> restartedDataNodes(MetaState before, List<MetaRecord> records) {
        Set<String> restarted = new HashSet<>();
        for (MetaRecord r : records) {
            if (r instanceof NodeJoined joined && joined.node().role() == NodeRole.DATA
                    && before.node(joined.node().address()).map(old -> !old.equals(joined.node())).orElse(false)) {
                restarted.add(joined.node().address());
            }
        }
        return restarted;
    }

    private MetaState await(CompletableFuture<MetaState> write) {
        try {
            return write.get(options.applyTimeoutMs(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            throw new ProposalFailedException("meta log write not applied within " + options.applyTimeoutMs()
                    + " ms (no quorum?)", false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProposalFailedException("interrupted while writing the meta log", false);
        }
    }

    private static void logTable(SlotTable before, SlotTable after, int migrating) {
        int moved = 0;
        for (int i = 0; i < after.slotCount(); i++) {
            if (i >= before.slotCount() || !before.slot(i).leader().equals(after.slot(i).leader())) {
                moved++;
            }
        }
        LOG.info("slot table epoch {} -> {}: {} slot leaders changed, {} slots migrating, leaders per node {}", before.epoch(),
                after.epoch(), moved, migrating, new TreeMap<>(after.leaderCounts()));
    }

    private void warnIfSlotCountDiffers(SlotTable table) {
        if (table.slotCount() > 0 && table.slotCount() != options.slotCount()) {
            LOG.warn("cluster.slots is {} but the cluster was created with {} slots; keeping {} (the count is fixed)",
                    options.slotCount(), table.slotCount(), table.slotCount());
        }
    }

    /** Runs {@code task} on the writer thread; false when shutting down (nothing more to plan). */
    private boolean onWriter(Runnable task) {
        try {
            writer.execute(task);
            return true;
        } catch (RejectedExecutionException closing) {
            return false;
        }
    }

    @Override
    public void close() {
        term = NOT_LEADING;
        NamedThreads.shutdown(writer);
        CompletableFuture<MetaState> result;
        synchronized (joinLock) {
            result = pendingJoinResult;
            pendingJoinResult = null;
        }
        if (result != null) {
            result.completeExceptionally(new ProposalFailedException("meta is shutting down", false));
        }
    }
}
