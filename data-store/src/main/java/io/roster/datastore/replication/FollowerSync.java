package io.roster.datastore.replication;

import io.roster.common.model.Datum;
import io.roster.common.rpc.RpcCaller;
import io.roster.common.rpc.RpcFailure;
import io.roster.common.slot.SlotRanges;
import io.roster.common.util.NamedThreads;
import io.roster.common.wire.DatumDigest;
import io.roster.common.wire.ReplicaDigestReply;
import io.roster.common.wire.ReplicaDigestRequest;
import io.roster.common.wire.ReplicaFetchReply;
import io.roster.common.wire.ReplicaFetchRequest;
import io.roster.datastore.slot.SlotAssignment;
import io.roster.datastore.store.SlotMovedException;
import io.roster.datastore.store.SlotStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Follower side of the digest check: for each followed slot, compares this copy with the leader's digest
 * (dataInfoId -> version, count), fetches the datums that differ and removes those the leader never had. The first
 * success under a leader makes the copy "caught up" (reported to meta, which only then may make this node leader);
 * later rounds, every data.replica-sync-interval-ms, repair whatever the push stream lost. A slot that is not caught
 * up is retried every round of a short tick.
 */
public final class FollowerSync implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FollowerSync.class);
    private static final int FETCH_BATCH = 512;
    private static final long TICK_MS = 100;

    private final String selfAddress;
    private final Supplier<SlotAssignment> assignment;
    private final SlotStore store;
    private final FollowerCopies copies;
    private final RpcCaller caller;
    private final int timeoutMs;
    private final long intervalMs;
    private final Runnable onCaughtUp;
    private static final long RETRY_AFTER_REFUSAL_MS = 500;
    private final Map<Integer, Long> lastSyncMillis = new ConcurrentHashMap<>();
    /** A slot whose leader refused (still MIGRATING, say) is not asked again every tick. */
    private final Map<Integer, Long> notBeforeMillis = new ConcurrentHashMap<>();
    private final ScheduledExecutorService scheduler = NamedThreads.scheduler("data-follow");

    public FollowerSync(String selfAddress, Supplier<SlotAssignment> assignment, SlotStore store, FollowerCopies copies,
                        RpcCaller caller, int timeoutMs, long intervalMs, Runnable onCaughtUp) {
        this.selfAddress = selfAddress;
        this.assignment = assignment;
        this.store = store;
        this.copies = copies;
        this.caller = caller;
        this.timeoutMs = timeoutMs;
        this.intervalMs = intervalMs;
        this.onCaughtUp = onCaughtUp;
    }

    public void start() {
        scheduler.scheduleWithFixedDelay(this::roundQuietly, 0, TICK_MS, TimeUnit.MILLISECONDS);
    }

    /** Syncs the slots that are due (not caught up, or a whole interval since their last check) now. */
    public void syncDue() {
        scheduler.execute(this::roundQuietly);
    }

    private void roundQuietly() {
        try {
            round();
        } catch (RuntimeException e) {
            LOG.error("follower sync round failed", e);
        }
    }

    private void round() {
        SlotAssignment current = assignment.get();
        long now = System.currentTimeMillis();
        boolean newlyCaughtUp = false;
        Set<String> unreachable = new HashSet<>();
        Map<String, Failures> failed = new TreeMap<>();
        for (Map.Entry<Integer, Long> f : current.followedSlots().entrySet()) {
            int slot = f.getKey();
            long leaderEpoch = f.getValue();
            String leader = current.leaderOf(slot);
            boolean caughtUp = copies.caughtUp(slot, leaderEpoch);
            if (caughtUp && now - lastSyncMillis.getOrDefault(slot, 0L) < intervalMs || unreachable.contains(leader)
                    || now < notBeforeMillis.getOrDefault(slot, 0L)) {
                continue;
            }
            Outcome outcome;
            try {
                outcome = syncSlot(slot, leaderEpoch, leader);
            } catch (SlotMovedException e) {
                LOG.debug("sync of slot {} stopped: {}", slot, e.getMessage()); // a newer table; the next round follows it
                outcome = Outcome.REFUSED;
            } catch (RuntimeException e) {
                // One bad slot (a store error, a malformed reply) must not starve the slots after it.
                failed.computeIfAbsent(leader, l -> new Failures(new ArrayList<>(), e.toString())).slots().add(slot);
                outcome = Outcome.REFUSED;
            }
            if (outcome == Outcome.UNREACHABLE) {
                // Its other slots would each wait out the same timeout: try them next round.
                unreachable.add(leader);
            }
            if (outcome == Outcome.REFUSED) {
                notBeforeMillis.put(slot, now + RETRY_AFTER_REFUSAL_MS);
            }
            if (outcome == Outcome.SYNCED) {
                notBeforeMillis.remove(slot);
                lastSyncMillis.put(slot, now);
                if (!caughtUp) {
                    copies.markCaughtUp(slot, leaderEpoch);
                    newlyCaughtUp = true;
                    LOG.debug("slot {} caught up with leader {} (leaderEpoch {})", slot, current.leaderOf(slot), leaderEpoch);
                }
            }
        }
        // one line per leader and round, not one per slot
        failed.forEach((leader, f) -> LOG.warn("sync of slots {} from {} failed: {}", SlotRanges.format(f.slots()), leader, f.firstError()));
        if (newlyCaughtUp) {
            // Meta moves leadership, and adds the next followers, only on a heartbeat saying so: send it now.
            onCaughtUp.run();
        }
    }

    enum Outcome { SYNCED, REFUSED, UNREACHABLE }

    /** One digest comparison with the leader; SYNCED when the copy now matches what the leader had. */
    Outcome syncSlot(int slot, long leaderEpoch, String leader) {
        if (leader.isEmpty()) {
            return Outcome.REFUSED;
        }
        try {
            ReplicaDigestReply digest = caller.call(leader, new ReplicaDigestRequest(slot, leaderEpoch, selfAddress),
                    ReplicaDigestReply.class, timeoutMs);
            if (!digest.ok()) {
                LOG.debug("digest of slot {} from {} refused: {}", slot, leader, digest);
                return Outcome.REFUSED;
            }
            Map<String, Datum> local = new HashMap<>();
            for (Datum d : store.datums(slot)) {
                local.put(d.dataInfoId(), d);
            }
            List<String> differing = new ArrayList<>();
            Set<String> known = new HashSet<>();
            for (DatumDigest d : digest.datums()) {
                known.add(d.dataInfoId());
                Datum mine = local.get(d.dataInfoId());
                if (mine == null || mine.version() != d.version() || mine.publishers().size() != d.publisherCount()) {
                    differing.add(d.dataInfoId());
                }
            }
            for (int from = 0; from < differing.size(); from += FETCH_BATCH) {
                List<String> ids = differing.subList(from, Math.min(differing.size(), from + FETCH_BATCH));
                ReplicaFetchReply fetched = caller.call(leader, new ReplicaFetchRequest(slot, leaderEpoch, List.copyOf(ids)),
                        ReplicaFetchReply.class, timeoutMs);
                if (!fetched.ok()) {
                    LOG.debug("fetch of slot {} from {} refused: {}", slot, leader, fetched);
                    return Outcome.REFUSED;
                }
                copies.install(slot, leaderEpoch, fetched.datums());
            }
            Set<String> unknown = new HashSet<>(local.keySet());
            unknown.removeAll(known);
            int removed = copies.removeUnknown(slot, leaderEpoch, unknown);
            if (!differing.isEmpty() || removed > 0) {
                LOG.debug("slot {} synced from {}: {} datums fetched, {} removed", slot, leader, differing.size(), removed);
            }
            return Outcome.SYNCED;
        } catch (RpcFailure e) {
            LOG.debug("sync of slot {} from {} failed: {}", slot, leader, e.getMessage());
            return Outcome.UNREACHABLE;
        }
    }

    @Override
    public void close() {
        NamedThreads.shutdown(scheduler);
    }

    /** The slots whose sync from one leader failed in a round, and the first error. */
    private record Failures(List<Integer> slots, String firstError) {
    }
}
