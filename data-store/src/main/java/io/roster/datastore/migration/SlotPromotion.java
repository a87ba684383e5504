package io.roster.datastore.migration;

import com.codahale.metrics.Counter;
import io.roster.common.model.ProcessId;
import io.roster.common.retry.Backoff;
import io.roster.common.rpc.RpcCaller;
import io.roster.common.slot.SlotFunction;
import io.roster.common.slot.SlotRanges;
import io.roster.common.util.NamedThreads;
import io.roster.common.view.ClusterView;
import io.roster.datastore.change.ChangeFanout;
import io.roster.datastore.session.SessionConnections;
import io.roster.datastore.slot.SlotStates;
import io.roster.datastore.store.DatumChange;
import io.roster.datastore.store.SlotMovedException;
import io.roster.datastore.store.SlotStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Takes slots this node was just made leader of from MIGRATING to ACCEPT (docs/ARCHITECTURE.md): asks every live
 * session process for the digest of its publishers in those slots, fetches the publishers of the slots whose digest
 * differs from this copy, drops the publishers of session processes that are not alive, then lets the slots serve.
 *
 * <p>A slot leaves MIGRATING only when every live session process (meta's view plus hello connections, keyed by
 * process: a session restarted on the same address is another process) has answered for it, or is no longer live.
 * Past data.migration-timeout-ms a silent live session (a partition) is reported and counted; a warm copy then
 * enters ACCEPT keeping that session's publishers as it has them, a cold copy stays MIGRATING (reads stay
 * retryable) until the session answers or meta expires it: stale for a while, never partial ({@link MigrationProgress}).
 *
 * <p>Rounds run on one thread, every {@value #RECHECK_MS} ms while a slot is MIGRATING, and never wait: each asks
 * the processes that owe an answer (one call per address at a time, again after a failure), then takes the slots
 * the answers allow to ACCEPT.
 */
public final class SlotPromotion implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SlotPromotion.class);
    private static final long RECHECK_MS = 100;
    private static final long REASK_MS = 500;
    private static final int WORK_THREADS = 2;
    /** After a failed round: 100 ms, doubling, at most 5 s; back to 100 ms once a round works. */
    private static final Backoff ROUND_RETRY = Backoff.ofMillis(100, 5_000);

    private final Supplier<SlotStore> store;
    private final SlotStates states;
    private final Supplier<ClusterView> view;
    private final SessionConnections connected;
    private final ChangeFanout fanout;
    private final long boundMs;
    private final Counter silentPastBound;
    private final SessionReconciler reconciler;
    private final MigrationProgress progress = new MigrationProgress();
    private final SessionCalls calls;
    /** slot -> the leaderEpoch it was promoted at with a warm (caught-up follower) copy. */
    private final Map<Integer, Long> warmAt = new ConcurrentHashMap<>();
    private final ExecutorService fetches = NamedThreads.pool("data-migrate-fetch", 4);
    /** Own digests and a batch's slot writes, in parallel: a cold copy's writes, not its transfer, bound its sync. */
    private final ExecutorService work = NamedThreads.pool("data-migrate-work", WORK_THREADS);
    private final RoundScheduler rounds = new RoundScheduler("data-migrate", this::roundOrRetry);
    private final ExecutorService queries = NamedThreads.pool("data-migrate-query", 8);
    private final AtomicInteger changedSinceReport = new AtomicInteger();
    private final AtomicReference<PromotionReport> lastReport = new AtomicReference<>();
    /** Used on the one round thread only. */
    private final Backoff.Sequence retryDelays = ROUND_RETRY.sequence();

    /**
     * @param selfAddress     this node's data address, named in its queries (the sessions' hand-off fence)
     * @param boundMs         how long a slot waits for a silent live session before a warm copy serves without it
     *                        (data.migration-timeout-ms)
     * @param callTimeoutMs   the timeout of each call to a session (rpc.timeout-ms)
     * @param silentPastBound counts the slots that passed the bound with a live session silent
     */
    public SlotPromotion(String selfAddress, Supplier<SlotStore> store, SlotStates states, Supplier<ClusterView> view, SessionConnections connected,
                         SlotFunction slotFunction, RpcCaller caller, ChangeFanout fanout, long boundMs,
                         int callTimeoutMs, Counter silentPastBound) {
        this.store = store;
        this.states = states;
        this.view = view;
        this.connected = connected;
        this.fanout = fanout;
        this.boundMs = boundMs;
        this.silentPastBound = silentPastBound;
        this.reconciler = new SessionReconciler(selfAddress, store, slotFunction, caller, callTimeoutMs, fetches, work,
                WORK_THREADS, changes -> {
            changedSinceReport.addAndGet(changes.size());
            fanout.afterWrite(changes);
        });
        this.calls = new SessionCalls(reconciler, progress, queries, REASK_MS, () -> scheduleRound(0));
    }

    /**
     * Notes the slots a table is about to make this node lead whose copy here is warm (slot -> the new leaderEpoch).
     * Called before the slots enter MIGRATING, so no round can take them for cold copies.
     */
    public void warmCopies(Map<Integer, Long> warm) {
        warmAt.putAll(warm); // at most one entry per slot: one under an older leaderEpoch is simply never matched
    }

    /** Schedules a round for every slot MIGRATING now; returns at once. */
    public void promote() {
        scheduleRound(0);
    }

    private void scheduleRound(long delayMs) {
        rounds.schedule(delayMs);
    }

    /** Runs on the one round thread only. A failed round is retried with a growing delay, not in a tight loop. */
    private void roundOrRetry() {
        try {
            if (round()) {
                scheduleRound(RECHECK_MS);
            }
            retryDelays.reset();
        } catch (RuntimeException e) {
            long delayMs = retryDelays.next();
            LOG.error("slot reconciliation round failed; retrying in {} ms", delayMs, e);
            scheduleRound(delayMs);
        }
    }

    /** The report of the last round that took slots to ACCEPT or held cold ones past the bound (null before). */
    public PromotionReport lastReport() {
        return lastReport.get();
    }

    /** One round; true while slots are still MIGRATING. */
    private boolean round() {
        long now = SessionCalls.monotonicMillis(); // the bound must not move with the wall clock
        Map<Integer, Long> migrating = states.migrating();
        progress.track(migrating, warmAt, now);
        if (migrating.isEmpty()) {
            return false;
        }
        Set<ProcessId> live = liveSessions();
        calls.ask(live, now);
        MigrationProgress.Decision decision = progress.decide(live, now, boundMs);
        Map<Integer, Long> toAccept = new TreeMap<>();
        decision.ready().forEach(slot -> toAccept.put(slot, migrating.get(slot)));
        decision.acceptWithout().keySet().forEach(slot -> toAccept.put(slot, migrating.get(slot)));
        long acceptStarted = System.nanoTime();
        List<Integer> accepted = accept(toAccept, live);
        if (!toAccept.isEmpty()) {
            LOG.debug("dropping dead owners and entering ACCEPT took {} ms for {} slots",
                    (System.nanoTime() - acceptStarted) / 1_000_000, toAccept.size());
        }
        silentPastBound.inc(decision.newlyPastBound().size());
        List<Integer> newlyHeld = decision.newlyPastBound().stream().filter(decision.heldCold()::containsKey).toList();
        if (!accepted.isEmpty() || !newlyHeld.isEmpty()) {
            report(accepted, newlyHeld, decision, live.size(), now);
        }
        return !states.migrating().isEmpty();
    }

    /**
     * Drops the publishers of processes not live, then takes each slot to ACCEPT; returns those that entered it. The
     * slots are independent (a pass over each one's publishers under its own lock), so they go in parallel.
     */
    private List<Integer> accept(Map<Integer, Long> slots, Set<ProcessId> live) {
        SlotStore s = store.get();
        List<DatumChange> changes = Collections.synchronizedList(new ArrayList<>());
        List<Integer> accepted = Collections.synchronizedList(new ArrayList<>());
        List<Integer> done = new ArrayList<>();
        try {
            ParallelParts.run(List.copyOf(slots.keySet()), WORK_THREADS, work, part -> {
                for (int slot : part) {
                    long leaderEpoch = slots.get(slot);
                    try {
                        changes.addAll(s.removeOwnersExcept(slot, live::contains, leaderEpoch).changes());
                    } catch (SlotMovedException moved) {
                        continue; // a newer table took the slot (or a newer leaderEpoch); that transition handles it
                    }
                    if (states.accept(slot, leaderEpoch, System.currentTimeMillis())) {
                        accepted.add(slot);
                    }
                }
                return part.size();
            });
        } finally {
            // Even when a slot failed: what was written must reach followers and sessions, and accepted slots serve.
            done.addAll(accepted);
            Collections.sort(done);
            changedSinceReport.addAndGet(changes.size());
            fanout.afterWrite(List.copyOf(changes));
            fanout.announceAccepted(done);
        }
        return done;
    }

    private void report(List<Integer> accepted, List<Integer> held, MigrationProgress.Decision decision, int asked, long now) {
        Map<ProcessId, String> unanswered = new TreeMap<>(Comparator.comparing(ProcessId::toString));
        for (int slot : accepted) {
            decision.acceptWithout().getOrDefault(slot, Set.of()).forEach(p -> unanswered.put(p, calls.whySilent(p)));
        }
        held.forEach(slot -> decision.heldCold().get(slot).forEach(p -> unanswered.put(p, calls.whySilent(p))));
        List<Integer> named = new ArrayList<>(accepted);
        named.addAll(held);
        long took = now - progress.startedMillis(named, now);
        PromotionReport report = new PromotionReport(accepted, System.currentTimeMillis() - took, took,
                changedSinceReport.getAndSet(0), asked, unanswered, held);
        lastReport.set(report);
        if (!held.isEmpty()) {
            LOG.warn("slots {} stay MIGRATING past data.migration-timeout-ms={}: cold copies are not served while live "
                    + "sessions {} have not answered (until they answer or meta expires them)", SlotRanges.format(held), boundMs, unanswered);
        }
        if (accepted.isEmpty()) {
            return;
        }
        if (accepted.stream().noneMatch(decision.acceptWithout()::containsKey)) {
            LOG.info("slots {} ACCEPT after reconciling with {} sessions in {} ms ({} datums changed)", SlotRanges.format(accepted), asked,
                    report.tookMillis(), report.changedDatums());
        } else {
            LOG.warn("slots {} ACCEPT in {} ms WITHOUT live sessions {} silent past data.migration-timeout-ms={}: "
                    + "their publishers kept as the warm copy had them", SlotRanges.format(accepted), report.tookMillis(), unanswered, boundMs);
        }
    }

    /** The live session processes: meta's view plus those connected here by hello (meta may not list a new one yet). */
    private Set<ProcessId> liveSessions() {
        Set<ProcessId> out = view.get().sessionProcesses();
        out.addAll(connected.processIds());
        return out;
    }

    @Override
    public void close() {
        rounds.close();
        NamedThreads.shutdown(queries);
        NamedThreads.shutdown(fetches);
        NamedThreads.shutdown(work);
    }
}
