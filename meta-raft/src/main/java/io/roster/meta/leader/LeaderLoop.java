package io.roster.meta.leader;

import io.roster.common.app.Revision;
import io.roster.common.model.NodeInfo;
import io.roster.common.model.NodeRole;
import io.roster.common.model.SlotTable;
import io.roster.common.model.Switch;
import io.roster.common.util.NamedThreads;
import io.roster.common.wire.HeartbeatRequest;
import io.roster.meta.image.MetaImage;
import io.roster.meta.lease.LeaseTracker;
import io.roster.meta.lease.RevisionUseTracker;
import io.roster.meta.raft.LeadershipListener;
import io.roster.meta.raft.ProposalFailedException;
import io.roster.meta.raft.RecordProposer;
import io.roster.meta.slot.SlotScheduler;
import io.roster.meta.state.MetaRecord;
import io.roster.meta.state.RevisionRegistered;
import io.roster.meta.state.RevisionsCollected;
import io.roster.meta.state.SwitchChanged;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * The meta leader's writer: while this node leads, one thread gathers the inputs (the image, the leases, the
 * replica reports, the joins waiting), asks the {@link LeaderPlanner} what to write, proposes it and waits for it
 * to be applied before planning again. Plans are therefore made from the image the log will actually hold. Should
 * a write time out and land later, a table planned meanwhile from the older image is refused by its epoch, and
 * the next tick re-plans. It also keeps what the heartbeats tell only the leader: leases, counts, replica reports.
 */
public final class LeaderLoop implements LeadershipListener, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LeaderLoop.class);
    private static final long NOT_LEADING = -1;
    private static final long DEFAULT_REVISION_GRACE_MS = 600_000;

    private final LeaderOptions options;
    private final Supplier<MetaImage> image;
    private final RecordProposer proposer;
    private final LeaderPlanner planner;
    private final LeaseTracker lease;
    private final RevisionUseTracker revisionUse;
    private final ScheduledExecutorService writer = NamedThreads.scheduler("meta-leader");
    private final AtomicBoolean earlyTick = new AtomicBoolean();
    private final Map<String, NodeLoad> loads = new ConcurrentHashMap<>();
    private final ReplicaReports reports = new ReplicaReports();

    private final Object joinLock = new Object();
    private Map<String, NodeInfo> pendingJoins = new LinkedHashMap<>();
    private CompletableFuture<MetaImage> pendingJoinResult;

    private volatile long term = NOT_LEADING;
    /** Touched only on the writer thread. */
    private ScheduledFuture<?> ticking;
    private boolean lastTickFailed;
    /**
     * A write of this term timed out and may still apply: the image may lose what it shows until a later write of
     * the term applies (the log applies in order).
     */
    private boolean writeInDoubt;

    public LeaderLoop(LeaderOptions options, Supplier<MetaImage> image, RecordProposer proposer, SlotScheduler scheduler,
                      LeaseTracker lease) {
        this(options, image, proposer, scheduler, lease, new RevisionUseTracker(DEFAULT_REVISION_GRACE_MS, lease::nowMs));
    }

    /** @param revisionUse when revisions were last needed; on the same clock as {@code lease} */
    public LeaderLoop(LeaderOptions options, Supplier<MetaImage> image, RecordProposer proposer, SlotScheduler scheduler,
                      LeaseTracker lease, RevisionUseTracker revisionUse) {
        this.options = options;
        this.image = image;
        this.proposer = proposer;
        this.planner = new LeaderPlanner(options, scheduler);
        this.lease = lease;
        this.revisionUse = revisionUse;
    }

    /** True once this node leads and has applied every earlier entry: it may answer for the cluster. */
    public boolean isActive() {
        return term != NOT_LEADING;
    }

    @Override
    public void leaderStarted(long newTerm) {
        onWriter(() -> {
            lease.becameLeader();
            revisionUse.becameLeader();
            loads.clear();
            reports.clear();
            lastTickFailed = false;
            writeInDoubt = false;
            term = newTerm;
            warnIfSlotCountDiffers(image.get().slotTable());
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
            failPendingJoins(new ProposalFailedException("this meta node stopped leading", true));
        });
    }

    /** Records a heartbeat: renews the node's lease and keeps its counts and replica states. */
    public void heard(HeartbeatRequest request) {
        lease.heard(request.node().address());
        loads.put(request.node().address(), NodeLoad.of(request));
        if (request.node().role() == NodeRole.SESSION) {
            revisionUse.touched(request.revisionsInUse());
        }
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
     * @return the image after the entry that admitted it; fails with {@link ProposalFailedException}
     */
    public CompletableFuture<MetaImage> join(NodeInfo node) {
        if (!isActive()) {
            return CompletableFuture.failedFuture(new ProposalFailedException("this meta node does not lead", true));
        }
        synchronized (joinLock) {
            pendingJoins.put(node.address(), node);
            if (pendingJoinResult == null) {
                pendingJoinResult = new CompletableFuture<>();
                onWriter(this::tick);
            }
            return pendingJoinResult;
        }
    }

    /** Turns {@code target} on or off through the log: {@link #writeSetting}. */
    public CompletableFuture<MetaImage> setSwitch(Switch target, boolean on) {
        return writeSetting(new SwitchChanged(target, on));
    }

    /**
     * Writes an operator's setting (a switch, an incident lever) through the log: the image after its entry, or a
     * {@link ProposalFailedException} (notLeader when this node does not lead).
     */
    public CompletableFuture<MetaImage> writeSetting(MetaRecord setting) {
        return asLeader(t -> {
            MetaImage after = commit(t, planner.withTable(image.get(), List.of(setting), reports::progress));
            LOG.info("operator setting written: {}", setting);
            return after;
        });
    }

    /** {@link #registerRevision(Revision, int)} with no cap. */
    public CompletableFuture<Registration> registerRevision(Revision revision) {
        return registerRevision(revision, Integer.MAX_VALUE);
    }

    /**
     * Registers {@code revision} through the log unless it is live already; either way it counts as needed now, so
     * no collection decided after this call removes it. Runs on the writer, ordered with the collections; while an
     * earlier write (a collection) is in doubt, a live digest is written again, behind it in the log. The cap
     * is exact: a new revision while {@code maxRevisions} are live is refused ({@link Registration#refused()}).
     *
     * @return the image it is live in (or the one that refused it), and whether this call wrote it; fails with
     *         {@link ProposalFailedException}
     */
    public CompletableFuture<Registration> registerRevision(Revision revision, int maxRevisions) {
        return asLeader(t -> {
            MetaImage before = image.get();
            boolean live = before.revisions().contains(revision.digest());
            if (live && !writeInDoubt) {
                revisionUse.touched(revision.digest());
                return new Registration(before, false);
            }
            if (!live && before.revisions().catalog().size() >= maxRevisions) {
                return Registration.refusedBy(before);
            }
            revisionUse.touched(revision.digest());
            MetaImage after = commit(t, planner.withTable(before, List.of(new RevisionRegistered(revision)), reports::progress));
            LOG.info("revision {} of app {} registered ({} interfaces)", revision.digest(), revision.app(),
                    revision.interfaces().size());
            return new Registration(after, true);
        });
    }

    /** Runs {@code work} with the current term on the writer; fails (notLeader) when this node does not lead. */
    private <T> CompletableFuture<T> asLeader(java.util.function.LongFunction<T> work) {
        CompletableFuture<T> result = new CompletableFuture<>();
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
                result.complete(work.apply(t));
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        };
        if (!onWriter(write)) {
            result.completeExceptionally(new ProposalFailedException("meta is shutting down", false));
        }
        return result;
    }

    /**
     * One turn of the loop (every tick, on a join, when a copy caught up): admits the joins waiting, expires nodes
     * whose lease ran out and re-plans the slot table, as one entry.
     */
    private void tick() {
        Map<String, NodeInfo> joins;
        CompletableFuture<MetaImage> joined;
        synchronized (joinLock) {
            joins = pendingJoins;
            joined = pendingJoinResult;
            pendingJoins = new LinkedHashMap<>();
            pendingJoinResult = null;
        }
        long t = term;
        if (t == NOT_LEADING) {
            if (joined != null) {
                joined.completeExceptionally(new ProposalFailedException("this meta node stopped leading", true));
            }
            return;
        }
        try {
            MetaImage before = image.get();
            for (NodeInfo n : joins.values()) {
                if (!before.contains(n)) {
                    // what it reported before its admission was built on a table that did not place it (or by an
                    // older process): planned copies must wait for a report on a table that names them
                    reports.forget(n.address());
                }
            }
            long now = lease.nowMs();
            LeaderPlan plan = planner.next(before, lease, revisionUse, reports::progress, joins.values(), now);
            for (NodeInfo n : plan.expired()) {
                LOG.info("expiring {} node {} (process {}): no heartbeat for {} ms", n.role(), n.address(),
                        n.processId(), lease.millisSinceHeard(n.address(), now));
            }
            MetaImage after = commit(t, plan);
            plan.admitted().forEach(n -> LeaderLogs.logJoin(before, n));
            logCollected(plan);
            if (joined != null) {
                joined.complete(after);
            }
            forgetTheGone(after);
            if (lastTickFailed) {
                LOG.info("meta leader writes succeed again");
            }
            lastTickFailed = false;
        } catch (ProposalFailedException e) {
            if (joined != null) {
                LOG.warn("could not admit {}: {}", joins.keySet(), e.getMessage());
                joined.completeExceptionally(e);
            }
            if (!lastTickFailed) {
                LOG.warn("meta leader could not write its lease and slot changes, retrying every {} ms: {}",
                        options.tickMs(), e.getMessage());
            }
            lastTickFailed = true;
        } catch (RuntimeException e) {
            LOG.error("meta leader tick failed", e);
            if (joined != null) {
                joined.completeExceptionally(e);
            }
        }
    }

    /** Drops the leases, counts and reports of nodes no longer live (keeping any heard within a lease). */
    private void forgetTheGone(MetaImage after) {
        Set<String> live = new HashSet<>();
        after.allNodes().forEach(n -> live.add(n.address()));
        lease.prune(live);
        loads.keySet().removeIf(a -> !live.contains(a) && lease.isExpired(a));
        reports.retain(live);
        revisionUse.prune(after.revisions().catalog().revisions().stream().map(Revision::digest)
                .collect(java.util.stream.Collectors.toSet()), lease.nowMs());
    }

    private void logCollected(LeaderPlan plan) {
        for (MetaRecord r : plan.records()) {
            if (r instanceof RevisionsCollected c) {
                LOG.info("collected {} revision(s) no session reported in use for {} ms: {}", c.digests().size(),
                        revisionUse.graceMs(), c.digests());
            }
        }
    }

    /** Writes {@code plan} as one entry and waits for it to be applied; the image unchanged when it is empty. */
    private MetaImage commit(long t, LeaderPlan plan) {
        if (plan.isEmpty()) {
            return plan.before();
        }
        MetaImage after = await(proposer.propose(t, plan.records()));
        writeInDoubt = false; // applied, so every earlier entry of the log is settled
        if (plan.changesTable()) {
            LeaderLogs.logTable(plan.before().slotTable(), after.slotTable(), plan.progress().migratingSlots(after.slotTable()));
        }
        return after;
    }

    private MetaImage await(CompletableFuture<MetaImage> write) {
        try {
            return write.get(options.applyTimeoutMs(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            writeInDoubt = true;
            throw new ProposalFailedException("meta log write not applied within " + options.applyTimeoutMs()
                    + " ms (no quorum?)", false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProposalFailedException("interrupted while writing the meta log", false);
        }
    }

    private void warnIfSlotCountDiffers(SlotTable table) {
        if (table.slotCount() > 0 && table.slotCount() != options.slotCount()) {
            LOG.warn("cluster.slots is {} but the cluster was created with {} slots; keeping {} (the count is fixed)",
                    options.slotCount(), table.slotCount(), table.slotCount());
        }
    }

    private void failPendingJoins(ProposalFailedException why) {
        CompletableFuture<MetaImage> result;
        synchronized (joinLock) {
            result = pendingJoinResult;
            pendingJoinResult = null;
            pendingJoins = new LinkedHashMap<>();
        }
        if (result != null) {
            result.completeExceptionally(why);
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
        failPendingJoins(new ProposalFailedException("meta is shutting down", false));
    }
}
