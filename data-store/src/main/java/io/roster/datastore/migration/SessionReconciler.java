package io.roster.datastore.migration;

import io.roster.common.model.ProcessId;
import io.roster.common.model.Publisher;
import io.roster.common.rpc.RpcCaller;
import io.roster.common.rpc.RpcFailure;
import io.roster.common.slot.PublisherDigest;
import io.roster.common.slot.SlotFunction;
import io.roster.common.wire.SlotDigest;
import io.roster.common.wire.SlotDigestQuery;
import io.roster.common.wire.SlotDigestQueryReply;
import io.roster.common.wire.SlotPublishersQuery;
import io.roster.common.wire.SlotPublishersReply;
import io.roster.datastore.store.DatumChange;
import io.roster.datastore.store.OwnerExpiredException;
import io.roster.datastore.store.SlotMovedException;
import io.roster.datastore.store.SlotStore;

import io.roster.common.slot.PublisherDigest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Reconciles migrating slots with one session: a digest query, then the publishers of the slots whose digest differs
 * from this copy, each change handed to the fan-out as it is written (replicated at once; announced when the slot
 * enters ACCEPT). This copy's own digests are computed while the query is on the wire. The publishers come in batches
 * of slots, the first ones smaller so that writing starts early, up to {@value #FETCHES_AHEAD} batches asked for while
 * the current one is written, so a cold copy's transfer and its writes overlap and no single reply holds a whole
 * session's registry. Each batch's slots are written in parallel (slots are independent). Each call has the full
 * rpc.timeout-ms (a silent session holds a query thread at most that long per call).
 */
final class SessionReconciler {
    private static final Logger LOG = LoggerFactory.getLogger(SessionReconciler.class);
    static final int SLOTS_PER_FETCH = 32;
    /** Batches asked for ahead of the one being written: the session encodes the next while this node decodes one. */
    static final int FETCHES_AHEAD = 2;

    private final Supplier<SlotStore> store;
    private final SlotFunction slotFunction;
    private final RpcCaller caller;
    private final int callTimeoutMs;
    private final Executor fetches;
    private final Executor work;
    private final int parts;
    private final Consumer<List<DatumChange>> written;
    private final String selfAddress;

    /**
     * @param work  where this copy's digests and a batch's writes run, split in {@code parts} (one per thread of it)
     */
    SessionReconciler(String selfAddress, Supplier<SlotStore> store, SlotFunction slotFunction, RpcCaller caller, int callTimeoutMs,
                      Executor fetches, Executor work, int parts, Consumer<List<DatumChange>> written) {
        this.written = written;
        this.selfAddress = selfAddress;
        this.store = store;
        this.slotFunction = slotFunction;
        this.caller = caller;
        this.callTimeoutMs = callTimeoutMs;
        this.fetches = fetches;
        this.work = work;
        this.parts = parts;
    }

    /** Reconciles {@code migrating} (slot -> leaderEpoch) with the session at {@code address}; returns the process that answered. */
    ProcessId reconcile(String address, Map<Integer, Long> migrating) {
        long started = System.nanoTime();
        List<Integer> slots = List.copyOf(migrating.keySet());
        // Every session's digest of this copy, per slot, computed while the session answers (which one answers is
        // known only from its reply). A migrating slot changes here only by what the sessions themselves do
        // (client-off, expiry, their syncs), as it may between any digest and the slot's ACCEPT.
        CompletableFuture<List<Map<Integer, Map<ProcessId, PublisherDigest>>>> own = ParallelParts.start(slots, parts, work,
                this::ownDigests);
        // Naming this leader and the leaderEpochs puts up the session's hand-off fence: once it answered, its later
        // writes for these slots come here, not to the old leader.
        SlotDigestQueryReply digests = caller.call(address, new SlotDigestQuery(slots,
                slots.stream().map(migrating::get).toList(), selfAddress), SlotDigestQueryReply.class, callTimeoutMs);
        long asked = System.nanoTime();
        Map<Integer, Map<ProcessId, PublisherDigest>> ownBySlot = new HashMap<>();
        ParallelParts.join(own).forEach(ownBySlot::putAll);
        long compared = System.nanoTime();
        if (!digests.ok()) {
            throw new RpcFailure("session " + address + " refused the digest query: " + digests, null);
        }
        ProcessId session = digests.sessionProcessId();
        if (session == null) {
            throw new RpcFailure("session " + address + " answered the digest query without its process id", null);
        }
        List<Integer> differing = differing(digests, session, migrating, ownBySlot);
        List<List<Integer>> batches = batches(differing);
        Deque<CompletableFuture<SlotPublishersReply>> inFlight = new ArrayDeque<>();
        long waitedNanos = 0, appliedNanos = 0;
        int next = 0;
        for (List<Integer> batch : batches) {
            while (next < batches.size() && inFlight.size() <= FETCHES_AHEAD) {
                inFlight.add(fetch(address, batches.get(next++)));
            }
            long w = System.nanoTime();
            SlotPublishersReply reply = ParallelParts.join(inFlight.poll());
            long a = System.nanoTime();
            if (!reply.ok()) {
                throw new RpcFailure("session " + address + " refused the publishers query: " + reply, null);
            }
            apply(session, batch, reply, migrating);
            waitedNanos += a - w;
            appliedNanos += System.nanoTime() - a;
        }
        LOG.debug("reconciled {} slots with {} in {} ms: digest query {} ms, own digests {} ms more, {} slots differ, "
                        + "{} batches: waited {} ms for replies, wrote {} ms", slots.size(), session, millis(System.nanoTime() - started),
                millis(asked - started), millis(compared - asked), differing.size(), batches.size(), millis(waitedNanos),
                millis(appliedNanos));
        return session;
    }

    private static long millis(long nanos) {
        return nanos / 1_000_000;
    }

    /** Batches of slots to fetch: a quarter of {@link #SLOTS_PER_FETCH}, then half, then full ones. */
    static List<List<Integer>> batches(List<Integer> slots) {
        List<List<Integer>> out = new ArrayList<>();
        int size = Math.max(1, SLOTS_PER_FETCH / 4);
        for (int from = 0; from < slots.size(); from += size, size = Math.min(SLOTS_PER_FETCH, size * 2)) {
            out.add(List.copyOf(slots.subList(from, Math.min(slots.size(), from + size))));
        }
        return out;
    }

    private Map<Integer, Map<ProcessId, PublisherDigest>> ownDigests(List<Integer> slots) {
        SlotStore s = store.get();
        Map<Integer, Map<ProcessId, PublisherDigest>> out = new HashMap<>();
        slots.forEach(slot -> out.put(slot, SessionDigests.bySession(s.datums(slot))));
        return out;
    }

    /** The migrating slots where this copy of {@code session}'s publishers differs from the session's digest. */
    private static List<Integer> differing(SlotDigestQueryReply digests, ProcessId session, Map<Integer, Long> migrating,
                                           Map<Integer, Map<ProcessId, PublisherDigest>> own) {
        List<Integer> differing = new ArrayList<>();
        Set<Integer> covered = new HashSet<>();
        for (SlotDigest theirs : digests.slots()) {
            if (theirs != null && migrating.containsKey(theirs.slotId()) && covered.add(theirs.slotId())
                    && !ownOf(own, theirs.slotId(), session).matches(theirs)) {
                differing.add(theirs.slotId());
            }
        }
        for (int slot : migrating.keySet()) {
            // A slot the session left out of its answer is reconciled as if it held nothing there.
            if (!covered.contains(slot) && ownOf(own, slot, session).count() > 0) {
                differing.add(slot);
            }
        }
        return differing;
    }

    private static PublisherDigest ownOf(Map<Integer, Map<ProcessId, PublisherDigest>> own, int slot, ProcessId session) {
        return own.getOrDefault(slot, Map.of()).getOrDefault(session, new PublisherDigest());
    }

    private CompletableFuture<SlotPublishersReply> fetch(String address, List<Integer> slots) {
        try {
            return CompletableFuture.supplyAsync(() -> caller.call(address, new SlotPublishersQuery(slots),
                    SlotPublishersReply.class, callTimeoutMs), fetches);
        } catch (RejectedExecutionException stopping) {
            return CompletableFuture.failedFuture(new RpcFailure("data node stopping: publishers query not sent", stopping));
        }
    }

    /** Writes the session's publishers of each slot of the batch, the slots in parallel; returns once all are written. */
    private void apply(ProcessId session, List<Integer> slots, SlotPublishersReply reply, Map<Integer, Long> migrating) {
        Map<Integer, List<Publisher>> bySlot = new HashMap<>();
        slots.forEach(slot -> bySlot.put(slot, new ArrayList<>()));
        for (Publisher p : reply.publishers()) {
            List<Publisher> list = p == null ? null : bySlot.get(slotFunction.slotOf(p.dataInfoId()));
            if (list != null && session.equals(p.sessionProcessId())) {
                list.add(p);
            }
        }
        ParallelParts.run(slots, parts, work, part -> {
            part.forEach(slot -> sync(session, slot, reply.snapshotStamp(), bySlot.get(slot), migrating.get(slot)));
            return part.size();
        });
    }

    private void sync(ProcessId session, int slot, long snapshotStamp, List<Publisher> publishers, long leaderEpoch) {
        try {
            written.accept(store.get().syncSession(slot, session, snapshotStamp, publishers, leaderEpoch).changes());
        } catch (SlotMovedException moved) {
            // a newer table took the slot; its new owner reconciles it
        } catch (OwnerExpiredException expired) {
            // meta expired the session meanwhile: its late answer must not bring it back
        }
    }
}
