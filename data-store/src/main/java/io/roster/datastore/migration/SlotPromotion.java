package io.roster.datastore.migration;

import io.roster.common.meta.ClusterView;
import io.roster.common.model.NodeInfo;
import io.roster.common.model.ProcessId;
import io.roster.common.rpc.RpcCaller;
import io.roster.common.slot.SlotFunction;
import io.roster.common.util.NamedThreads;
import io.roster.datastore.change.ChangeFanout;
import io.roster.datastore.session.SessionConnections;
import io.roster.datastore.slot.SlotStates;
import io.roster.datastore.store.DatumChange;
import io.roster.datastore.store.SlotMovedException;
import io.roster.datastore.store.SlotStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Takes slots this node was just made leader of from MIGRATING to ACCEPT (DESIGN.md section 4): asks every live
 * session for the digest of its publishers in those slots, fetches the publishers of the slots whose digest
 * differs from this copy, drops the publishers of session processes that are not alive, then lets the slots serve.
 * A warm follower copy differs little, so this costs two small calls per session; a cold copy fetches everything.
 *
 * <p>All slots MIGRATING when a round starts are reconciled together. A session that has not answered within
 * data.migration-timeout-ms does not hold the slots back: they enter ACCEPT without it and the round's report names
 * it; its answer, when it comes, is still applied and announced ({@link RoundGate}), and its periodic digests
 * reconcile whatever that misses.
 */
public final class SlotPromotion implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SlotPromotion.class);

    private final Supplier<SlotStore> store;
    private final SlotStates states;
    private final Supplier<ClusterView> view;
    private final SessionConnections connected;
    private final ChangeFanout fanout;
    private final long timeoutMs;
    private final SessionReconciler reconciler;
    private static final long MAX_RETRY_DELAY_MS = 5_000;
    private final ExecutorService fetches = NamedThreads.pool("data-migrate-fetch", 4);
    private final ScheduledExecutorService rounds = NamedThreads.scheduler("data-migrate");
    private long retryDelayMs;
    private final ExecutorService queries = NamedThreads.pool("data-migrate-query", 8);
    private final AtomicReference<PromotionReport> lastReport = new AtomicReference<>();

    /**
     * @param migrationTimeoutMs how long a round waits for the sessions (data.migration-timeout-ms)
     * @param callTimeoutMs      the timeout of each call to a session (rpc.timeout-ms)
     */
    public SlotPromotion(Supplier<SlotStore> store, SlotStates states, Supplier<ClusterView> view, SessionConnections connected,
                         SlotFunction slotFunction, RpcCaller caller, ChangeFanout fanout, long migrationTimeoutMs,
                         int callTimeoutMs) {
        this.store = store;
        this.states = states;
        this.view = view;
        this.connected = connected;
        this.fanout = fanout;
        this.timeoutMs = migrationTimeoutMs;
        this.reconciler = new SessionReconciler(store, slotFunction, caller, callTimeoutMs, fetches);
    }

    /** Schedules a round for every slot MIGRATING now; returns at once. */
    public void promote() {
        schedule(0);
    }

    private void schedule(long delayMs) {
        try {
            rounds.schedule(this::roundOrRetry, delayMs, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException stopping) {
            LOG.debug("data node stopping: reconciliation round not scheduled");
        }
    }

    /** Runs on the one round thread only. A failed round is retried with a growing delay, not in a tight loop. */
    private void roundOrRetry() {
        try {
            round();
            retryDelayMs = 0;
        } catch (RuntimeException e) {
            retryDelayMs = Math.min(MAX_RETRY_DELAY_MS, Math.max(100, retryDelayMs * 2));
            LOG.error("slot reconciliation round failed; retrying in {} ms", retryDelayMs, e);
            schedule(retryDelayMs);
        }
    }

    /** The report of the last round that took slots to ACCEPT (null before the first). */
    public PromotionReport lastReport() {
        return lastReport.get();
    }

    private void round() {
        Map<Integer, Long> migrating = states.migrating();
        if (migrating.isEmpty()) {
            return;
        }
        long started = System.currentTimeMillis();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        Map<String, ProcessId> sessions = liveSessions();
        RoundGate gate = new RoundGate(fanout::afterWrite);
        Map<String, CompletableFuture<Void>> calls = new LinkedHashMap<>();
        for (String address : sessions.keySet()) {
            calls.put(address, CompletableFuture.runAsync(() -> reconciler.reconcile(address, migrating, gate), queries));
        }
        Map<String, String> unanswered = new HashMap<>();
        for (Map.Entry<String, CompletableFuture<Void>> call : calls.entrySet()) {
            try {
                call.getValue().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                unanswered.put(call.getKey(), "no answer within data.migration-timeout-ms=" + timeoutMs);
                String address = call.getKey();
                call.getValue().whenComplete((done, failure) -> {
                    if (failure != null) {
                        LOG.info("late reconciliation with session {} failed: {}", address, failure.toString());
                    }
                });
            } catch (ExecutionException e) {
                unanswered.put(call.getKey(), String.valueOf(e.getCause().getMessage()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fanout.afterWrite(gate.close()); // stopping: what was written still reaches followers and sessions
                return;
            }
        }
        // What answers wrote so far is fanned out with the round; a later answer fans itself out (RoundGate).
        List<DatumChange> changes = new ArrayList<>(gate.close());
        // Alive as of now, not as of the round's start: meta may have expired a session meanwhile.
        Set<ProcessId> live = new HashSet<>(liveSessions().values());
        SlotStore s = store.get();
        List<Integer> accepted = new ArrayList<>();
        try {
            for (Map.Entry<Integer, Long> slot : migrating.entrySet()) {
                try {
                    changes.addAll(s.removeOwnersExcept(slot.getKey(), live::contains, slot.getValue()).changes());
                } catch (SlotMovedException moved) {
                    continue; // a newer table took the slot (or a newer leaderEpoch); that transition handles it
                }
                if (states.accept(slot.getKey(), slot.getValue(), System.currentTimeMillis())) {
                    accepted.add(slot.getKey());
                }
            }
        } finally {
            // Even when a slot failed: what was written must reach followers and sessions, and accepted slots serve.
            fanout.afterWrite(changes);
            fanout.announceAccepted(accepted);
        }
        PromotionReport report = new PromotionReport(accepted, started, System.currentTimeMillis() - started,
                changes.size(), sessions.size(), unanswered);
        lastReport.set(report);
        if (report.complete()) {
            LOG.info("slots {} ACCEPT after reconciling with {} sessions in {} ms ({} datums changed)", accepted,
                    sessions.size(), report.tookMillis(), changes.size());
        } else {
            LOG.warn("slots {} ACCEPT in {} ms WITHOUT sessions {}; their periodic digests will reconcile them", accepted,
                    report.tookMillis(), unanswered);
        }
    }

    /** Session address -> process, from meta's view plus the sessions connected here (one meta may not list yet). */
    private Map<String, ProcessId> liveSessions() {
        Map<String, ProcessId> out = new LinkedHashMap<>();
        for (NodeInfo n : view.get().sessionNodes()) {
            if (n != null && n.processId() != null) {
                out.put(n.address(), n.processId());
            }
        }
        for (ProcessId p : connected.processIds()) {
            out.putIfAbsent(p.address(), p);
        }
        return out;
    }

    @Override
    public void close() {
        NamedThreads.shutdown(rounds);
        NamedThreads.shutdown(queries);
        NamedThreads.shutdown(fetches);
    }
}
