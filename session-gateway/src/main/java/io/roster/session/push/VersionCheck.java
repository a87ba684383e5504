package io.roster.session.push;

import io.roster.common.view.ClusterView;
import io.roster.common.model.ProcessId;
import io.roster.common.model.SlotTable;
import io.roster.common.rpc.RpcCaller;
import io.roster.common.rpc.RpcFailure;
import io.roster.common.slot.SlotFunction;
import io.roster.common.wire.DatumDigest;
import io.roster.common.wire.DatumVersionsQuery;
import io.roster.common.wire.DatumVersionsReply;
import io.roster.session.periodic.PeriodicRound;
import io.roster.session.registry.ClientRegistry;
import io.roster.session.registry.SubscriberRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The repair of lost change notices (docs/ARCHITECTURE.md): every session.version-check-interval-ms the session asks
 * each slot leader for the versions of the datums it has subscribers of, and gives a push round to every datum whose
 * version is above what one of its subscribers got while no round of that datum is under way here: a change the
 * session was told of and is still pushing is not lost ({@link PushPlan#versionChecked}), nor is one whose notice
 * arrives within {@link #NOTICE_GRACE_MS} of data's answer. A notice that a data node
 * sent but this session never received (a dropped connection, a restart between write and notice) thus costs at
 * most one period. Each query also declares this session's interest in those datums, so a new or restarted slot
 * leader learns where to send their notices; a round also runs at once after every change of the cluster view
 * ({@link #soon()}).
 */
public final class VersionCheck implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(VersionCheck.class);
    static final int DATUMS_PER_QUERY = 1000;
    /**
     * How long a datum found behind, with no round of it under way, waits for a change notice still on its way
     * before it counts as lost and is repaired.
     */
    static final long NOTICE_GRACE_MS = 200;

    private final ClientRegistry registry;
    private final PushEngine pushes;
    private final RpcCaller caller;
    private final Supplier<ClusterView> view;
    private final SlotFunction slots;
    private final ProcessId session;
    private final int timeoutMs;
    private final long intervalMs;
    private final Runnable graceWait;
    private final PeriodicRound rounds = new PeriodicRound("session-version-check", "version check", this::roundLogged);

    public VersionCheck(ClientRegistry registry, PushEngine pushes, RpcCaller caller, Supplier<ClusterView> view,
                        SlotFunction slots, ProcessId session, int timeoutMs, long intervalMs) {
        this(registry, pushes, caller, view, slots, session, timeoutMs, intervalMs, VersionCheck::noticeGrace);
    }

    /** @param graceWait waits the grace a notice still on its way gets (a test runs what arrives meanwhile instead) */
    VersionCheck(ClientRegistry registry, PushEngine pushes, RpcCaller caller, Supplier<ClusterView> view,
                 SlotFunction slots, ProcessId session, int timeoutMs, long intervalMs, Runnable graceWait) {
        this.graceWait = graceWait;
        this.session = session;
        this.registry = registry;
        this.pushes = pushes;
        this.caller = caller;
        this.view = view;
        this.slots = slots;
        this.timeoutMs = timeoutMs;
        this.intervalMs = intervalMs;
    }

    /** Waits {@link #NOTICE_GRACE_MS} on the check's own thread; nothing else waits on it. */
    private static void noticeGrace() {
        try {
            Thread.sleep(NOTICE_GRACE_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // closing
        }
    }

    public void start() {
        rounds.start(intervalMs, intervalMs);
    }

    /** Runs a round now, off the caller's thread: slot leaders may have changed and must learn this session's interest. */
    public void soon() {
        rounds.soon();
    }

    private void roundLogged() {
        int behind = round();
        if (behind > 0) {
            LOG.debug("version check: {} datum(s) repaired", behind); // each logged at INFO by the push engine
        }
    }

    /** One comparison with every slot leader; returns how many datums it found really behind and gave a push round. */
    int round() {
        SlotTable table = view.get().slotTable();
        if (table.epoch() == 0 || table.slotCount() != slots.slotCount()) {
            return 0;
        }
        List<String> noLongerRead = pushes.sweepConversions();
        if (!noLongerRead.isEmpty()) {
            registry.declared(noLongerRead); // queued for withdrawal unless subscribed
        }
        Map<String, Long> converted = pushes.convertedDatums();
        Set<String> datums = new LinkedHashSet<>();
        List<String> computed = new ArrayList<>();
        for (String target : registry.subscribedDataInfoIds()) {
            if (PushTargets.isComputed(target)) { // computed here from the catalog: data does not hold it
                computed.add(target);
            } else {
                datums.add(PushTargets.dataInfoIdOf(target));
            }
        }
        datums.addAll(converted.keySet());
        Map<String, List<String>> byLeader = new LinkedHashMap<>();
        for (String dataInfoId : datums) {
            String leader = table.slot(slots.slotOf(dataInfoId)).leader();
            if (!leader.isEmpty()) {
                byLeader.computeIfAbsent(leader, l -> new ArrayList<>()).add(dataInfoId);
            }
        }
        Map<String, Long> missing = new LinkedHashMap<>();
        Map<String, DatumDigest> behind = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> e : byLeader.entrySet()) {
            List<String> ids = e.getValue();
            for (int from = 0; from < ids.size(); from += DATUMS_PER_QUERY) {
                if (!check(e.getKey(), ids.subList(from, Math.min(ids.size(), from + DATUMS_PER_QUERY)), missing,
                        converted, behind)) {
                    break; // unreachable: its other batches would each wait out the timeout; next period
                }
            }
        }
        // A converted list's subscriber below the list last built (a push that failed, a pause that is over) gets
        // the latest as a plain one would: data's versions say nothing of it.
        pushes.convertedLists().forEach((target, version) -> {
            if (pushes.missing(target, version)) {
                missing.merge(target, version, Math::max);
            }
        });
        // A providers datum's subscriber below what it should hold (a push that failed, a catalog change whose round
        // failed or never started) gets it now, as a plain one would.
        for (String target : computed) {
            long version = pushes.providersVersion(target);
            if (version > 0 && pushes.missing(target, version)) {
                missing.merge(target, version, Math::max);
            }
        }
        if (missing.isEmpty() && behind.isEmpty()) {
            return 0;
        }
        // Data answers the query and sends its change notices on different threads: the notice of a change it just
        // answered may still be on its way. Only what is still missing after the grace is lost.
        graceWait.run();
        if (Thread.currentThread().isInterrupted()) {
            return 0; // closing
        }
        int repaired = 0;
        for (Map.Entry<String, Long> m : missing.entrySet()) {
            if (pushes.versionChecked(m.getKey(), m.getValue())) {
                repaired++;
            }
        }
        for (DatumDigest d : behind.values()) {
            if (pushes.conversionChecked(d.dataInfoId(), d.version(), d.publisherCount())) {
                repaired++;
            }
        }
        return repaired;
    }

    /**
     * Asks {@code leader} about {@code dataInfoIds}; puts those missing here, at data's version, in {@code missing}.
     * Returns false when the leader could not be reached.
     */
    private boolean check(String leader, List<String> dataInfoIds, Map<String, Long> missing, Map<String, Long> converted,
                          Map<String, DatumDigest> behind) {
        List<Long> pushed = dataInfoIds.stream().map(id -> {
            long lowest = Math.min(lowestPushed(id), converted.getOrDefault(id, Long.MAX_VALUE));
            return Math.min(lowest, lowestPushed(PushTargets.of(id, true)));
        }).toList();
        long seq = registry.subscriptionSeq();
        DatumVersionsReply reply;
        try {
            reply = caller.call(leader, new DatumVersionsQuery(dataInfoIds, pushed, session, seq), DatumVersionsReply.class,
                    timeoutMs);
        } catch (RpcFailure e) {
            LOG.debug("version check with {} failed: {}", leader, e.getMessage());
            registry.declared(dataInfoIds); // it may still have reached the leader
            return false;
        }
        registry.declared(dataInfoIds);
        if (!reply.ok()) {
            LOG.debug("version check with {} refused: {} {}", leader, reply.code(), reply.message());
            return true;
        }
        if (!pushes.enabled()) {
            return true; // the query still declared interest; with pushes off every changed datum is held on purpose
        }
        // Data's version above the lowest pushed is no gap while a round of the datum is under way here (its window,
        // its read, a push awaiting its ack): the engine decides, under its lock.
        for (DatumDigest d : reply.datums()) {
            if (d == null) {
                continue;
            }
            if (pushes.conversionMissing(d.dataInfoId(), d.version(), d.publisherCount())) {
                behind.merge(d.dataInfoId(), d, (a, b) -> a.version() >= b.version() ? a : b);
            }
            for (String target : List.of(d.dataInfoId(), PushTargets.of(d.dataInfoId(), true))) {
                if (!pushes.converts(target) && !floorOnly(target, d) && pushes.missing(target, d.version())) {
                    missing.merge(target, d.version(), Math::max);
                }
            }
        }
        return true;
    }

    /**
     * Whether data's version of an empty datum rose while the list the subscribers of {@code target} got stayed
     * empty: data answers a datum it does not hold with its slot's floor version, which rises on a leader change.
     * That is no gap: nothing would change for anyone.
     */
    private boolean floorOnly(String target, DatumDigest d) {
        if (d.publisherCount() != 0) {
            return false;
        }
        long emptyAt = pushes.heldEmptyVersion(PushTargets.dataInfoIdOf(target));
        return emptyAt >= 0 && lowestPushed(target) >= emptyAt;
    }

    /** The lowest version pushed to a subscriber of {@code dataInfoId} that can take pushes now (live, not paused). */
    private long lowestPushed(String dataInfoId) {
        long now = pushes.nowMillis(); // the clock subscribers' pauses are set on
        long lowest = Long.MAX_VALUE;
        if (pushes.converts(dataInfoId)) {
            return Long.MAX_VALUE; // their version is the converted list's, not the datum's: the conversion's counts
        }
        for (SubscriberRecord s : registry.subscribersOf(dataInfoId)) {
            if (s.connection().isOpen() && !s.paused(now)) {
                lowest = Math.min(lowest, s.pushedVersion());
            }
        }
        return lowest;
    }

    @Override
    public void close() {
        rounds.close();
    }
}
