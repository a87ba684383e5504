package io.roster.session.reconcile;

import io.roster.common.model.ProcessId;
import io.roster.common.model.Slot;
import io.roster.common.model.SlotTable;
import io.roster.common.rpc.RpcCaller;
import io.roster.common.rpc.RpcFailure;
import io.roster.common.slot.SlotFunction;
import io.roster.common.util.NamedThreads;
import io.roster.common.wire.SessionDigest;
import io.roster.common.wire.SessionDigestReply;
import io.roster.common.wire.SessionSlotSync;
import io.roster.common.wire.SlotDigest;
import io.roster.common.wire.WriteReply;
import io.roster.session.registry.ClientRegistry;
import io.roster.session.registry.RegistrationClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * The session's periodic check of what data holds for it (docs/ARCHITECTURE.md): every session.digest-interval-ms
 * it sends each slot leader of its slot table the digest of its publishers in every slot that leader leads (empty
 * slots included, so data finds ghosts there), and sends the slots data says differ in full. This repairs what a
 * data crash, a lost write or a migration that went on without this session left wrong.
 *
 * <p>Rounds run on this reporter's own thread, one at a time, away from client handling. A leader that fails is
 * logged once when it starts and once when it recovers, and is simply tried again next round.
 */
public final class DigestReporter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DigestReporter.class);
    /** A slot written in every period still gets its mismatch synced at least every this many + 1 rounds. */
    static final int MAX_DEFERRALS = 3;

    private final ClientRegistry registry;
    private final RegistrationClock clock;
    private final SlotFunction slots;
    private final Supplier<SlotTable> table;
    private final RpcCaller caller;
    private final ProcessId processId;
    private final int timeoutMs;
    private final long intervalMs;
    private final ScheduledExecutorService scheduler = NamedThreads.scheduler("session-digest");
    private final AtomicBoolean extraRoundQueued = new AtomicBoolean();
    private final AtomicBoolean forceSyncQueued = new AtomicBoolean();
    /** Which slots were written during the last period, and how long their mismatches were left to settle. */
    private final BusySlots busySince = new BusySlots(MAX_DEFERRALS);
    private final AtomicLong epochSeen = new AtomicLong();
    /** Leaders whose last round failed, so a data node that stays down is logged once, not every round. */
    private final Set<String> failing = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;
    /** Publishers copied out of the registry by rounds (only mismatched slots' syncs should): for tests. */
    private final LongAdder publishersRead = new LongAdder();

    /**
     * @param table     the newest slot table this session knows
     * @param timeoutMs timeout of each call to a data node
     */
    public DigestReporter(ClientRegistry registry, RegistrationClock clock, SlotFunction slots, Supplier<SlotTable> table,
                          RpcCaller caller, ProcessId processId, int timeoutMs, long intervalMs) {
        this.registry = registry;
        this.clock = clock;
        this.slots = slots;
        this.table = table;
        this.caller = caller;
        this.processId = processId;
        this.timeoutMs = timeoutMs;
        this.intervalMs = intervalMs;
    }

    public void start() {
        scheduler.scheduleWithFixedDelay(this::roundQuietly, intervalMs, intervalMs, TimeUnit.MILLISECONDS);
    }

    /**
     * To be called with every new view: when the slot-table epoch rose, runs a round now instead of up to an interval
     * later, so a slot's new leader learns early what this session holds.
     */
    public void slotTableChanged(long epoch) {
        if (epoch > epochSeen.getAndAccumulate(epoch, Math::max)) {
            forceSyncQueued.set(true); // a new leader learns at once what this session holds, busy slots included
            roundSoon();
        }
    }

    /** Queues one extra round on the reporter's thread; requests made while one is queued share it. */
    void roundSoon() {
        if (closed || !extraRoundQueued.compareAndSet(false, true)) {
            return;
        }
        try {
            scheduler.execute(() -> {
                extraRoundQueued.set(false);
                roundQuietly();
            });
        } catch (RejectedExecutionException e) {
            extraRoundQueued.set(false);
        }
    }

    private void roundQuietly() {
        try {
            round();
        } catch (RuntimeException e) {
            if (!closed) {
                LOG.warn("digest round failed; trying again next round", e);
            }
        }
    }

    /** One digest to every slot leader, and the syncs they ask for. */
    void round() {
        SlotTable current = table.get();
        if (current.epoch() == 0 || current.slotCount() == 0) {
            return; // no slot table from meta yet: nobody to report to
        }
        if (current.slotCount() != slots.slotCount()) {
            LOG.debug("slot table epoch {} has {} slots, this session {}; not reporting digests", current.epoch(),
                    current.slotCount(), slots.slotCount());
            return;
        }
        Map<String, List<Integer>> byLeader = slotsByLeader(current);
        if (byLeader.isEmpty()) {
            return;
        }
        // Only the running digests: copying every slot's publishers here cost a pass over the registry each round.
        Map<Integer, SlotDigest> held = new HashMap<>();
        SlotPublishers.digestsOf(registry.bySlot(), allSlots(current)).forEach(d -> held.put(d.slotId(), d));
        Set<Integer> busy = busySince.update(held, forceSyncQueued.getAndSet(false));
        for (Map.Entry<String, List<Integer>> led : byLeader.entrySet()) {
            if (closed) {
                return;
            }
            String problem;
            try {
                problem = report(led.getKey(), led.getValue(), held, busy);
            } catch (RpcFailure e) {
                problem = e.getMessage();
            }
            note(led.getKey(), problem);
        }
    }

    /** The digest of {@code leader}'s slots, then a sync of each slot it says differs; null when all went through. */
    private String report(String leader, List<Integer> led, Map<Integer, SlotDigest> held, Set<Integer> busy) {
        SessionDigest digest = new SessionDigest(processId, led.stream().map(held::get).toList());
        SessionDigestReply reply = caller.call(leader, digest, SessionDigestReply.class, timeoutMs);
        if (!reply.ok()) {
            return "SessionDigest to " + leader + " answered " + reply;
        }
        Set<Integer> sent = new HashSet<>(led);
        Set<Integer> mismatched = new LinkedHashSet<>();
        for (Integer slot : reply.mismatchedSlots()) {
            if (slot != null && sent.contains(slot)) {
                mismatched.add(slot); // only slots sent, each once: data may repeat a slot the digest held twice
            }
        }
        busySince.deferBusy(led, mismatched, busy);
        if (mismatched.isEmpty()) {
            return null;
        }
        // A fresh read, stamped first: the digest's read is older, and data removes unlisted publishers up to the stamp.
        long stamp = clock.snapshotTick();
        SlotPublishers now = SlotPublishers.of(registry.bySlot(), mismatched);
        mismatched.forEach(slot -> publishersRead.add(now.in(slot).size()));
        List<String> refused = new ArrayList<>();
        for (int slot : mismatched) {
            WriteReply synced = caller.call(leader, new SessionSlotSync(processId, slot, stamp, now.in(slot)), WriteReply.class,
                    timeoutMs);
            if (!synced.ok()) {
                refused.add("slot " + slot + ": " + synced);
            }
        }
        LOG.debug("synced slots {} with {} ({} refused)", mismatched, leader, refused.size());
        return refused.isEmpty() ? null : "SessionSlotSync to " + leader + " refused for " + refused;
    }

    long publishersRead() {
        return publishersRead.sum();
    }

    private void note(String leader, String problem) {
        if (problem == null) {
            if (failing.remove(leader)) {
                LOG.info("digest to data node {} goes through again", leader);
            }
        } else if (closed) {
            LOG.debug("digest to {} stopped by shutdown: {}", leader, problem);
        } else if (failing.add(leader)) {
            LOG.info("digest to data node {} failed, retrying every {} ms: {}", leader, intervalMs, problem);
        } else {
            LOG.debug("digest to data node {} still failing: {}", leader, problem);
        }
    }

    private static Map<String, List<Integer>> slotsByLeader(SlotTable t) {
        Map<String, List<Integer>> out = new LinkedHashMap<>();
        for (Slot s : t.slots()) {
            if (s.hasLeader()) {
                out.computeIfAbsent(s.leader(), l -> new ArrayList<>()).add(s.id());
            }
        }
        return out;
    }

    private static List<Integer> allSlots(SlotTable t) {
        return t.slots().stream().map(Slot::id).toList();
    }

    @Override
    public void close() {
        closed = true;
        NamedThreads.shutdown(scheduler);
    }
}
