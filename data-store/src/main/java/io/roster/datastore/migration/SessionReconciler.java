package io.roster.datastore.migration;

import io.roster.common.model.ProcessId;
import io.roster.common.model.Publisher;
import io.roster.common.rpc.RpcCaller;
import io.roster.common.rpc.RpcFailure;
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

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Reconciles migrating slots with one session: a digest query, then the publishers of the slots whose digest differs
 * from this copy, each change handed to the fan-out as it is written (replicated at once; announced when the slot
 * enters ACCEPT). The publishers come in batches of slots, the next batch asked for while the current one is
 * applied, so a cold copy's transfer and its writes overlap and no single reply holds a whole session's registry.
 * Each call has the full rpc.timeout-ms (a silent session holds a query thread at most that long per call).
 */
final class SessionReconciler {
    static final int SLOTS_PER_FETCH = 32;

    private final Supplier<SlotStore> store;
    private final SlotFunction slotFunction;
    private final RpcCaller caller;
    private final int callTimeoutMs;
    private final Executor fetches;
    private final Consumer<List<DatumChange>> written;
    private final String selfAddress;

    SessionReconciler(String selfAddress, Supplier<SlotStore> store, SlotFunction slotFunction, RpcCaller caller, int callTimeoutMs, Executor fetches,
                      Consumer<List<DatumChange>> written) {
        this.written = written;
        this.selfAddress = selfAddress;
        this.store = store;
        this.slotFunction = slotFunction;
        this.caller = caller;
        this.callTimeoutMs = callTimeoutMs;
        this.fetches = fetches;
    }

    /** Reconciles {@code migrating} (slot -> leaderEpoch) with the session at {@code address}; returns the process that answered. */
    ProcessId reconcile(String address, Map<Integer, Long> migrating) {
        // Naming this leader and the leaderEpochs puts up the session's hand-off fence: once it answered, its later
        // writes for these slots come here, not to the old leader.
        List<Integer> slots = List.copyOf(migrating.keySet());
        SlotDigestQueryReply digests = caller.call(address, new SlotDigestQuery(slots,
                slots.stream().map(migrating::get).toList(), selfAddress), SlotDigestQueryReply.class, callTimeoutMs);
        if (!digests.ok()) {
            throw new RpcFailure("session " + address + " refused the digest query: " + digests, null);
        }
        ProcessId session = digests.sessionProcessId();
        if (session == null) {
            throw new RpcFailure("session " + address + " answered the digest query without its process id", null);
        }
        List<Integer> differing = differing(digests, session, migrating);
        List<List<Integer>> batches = new ArrayList<>();
        for (int from = 0; from < differing.size(); from += SLOTS_PER_FETCH) {
            batches.add(List.copyOf(differing.subList(from, Math.min(differing.size(), from + SLOTS_PER_FETCH))));
        }
        CompletableFuture<SlotPublishersReply> next = batches.isEmpty() ? null : fetch(address, batches.get(0));
        for (int i = 0; i < batches.size(); i++) {
            SlotPublishersReply reply = join(next);
            next = i + 1 < batches.size() ? fetch(address, batches.get(i + 1)) : null;
            if (!reply.ok()) {
                throw new RpcFailure("session " + address + " refused the publishers query: " + reply, null);
            }
            apply(session, batches.get(i), reply, migrating);
        }
        return session;
    }

    /** The migrating slots where this copy of {@code session}'s publishers differs from the session's digest. */
    private List<Integer> differing(SlotDigestQueryReply digests, ProcessId session, Map<Integer, Long> migrating) {
        SlotStore s = store.get();
        List<Integer> differing = new ArrayList<>();
        Set<Integer> covered = new HashSet<>();
        for (SlotDigest theirs : digests.slots()) {
            if (theirs != null && migrating.containsKey(theirs.slotId()) && covered.add(theirs.slotId())
                    && !SessionDigests.of(s.datums(theirs.slotId()), session).matches(theirs)) {
                differing.add(theirs.slotId());
            }
        }
        for (int slot : migrating.keySet()) {
            // A slot the session left out of its answer is reconciled as if it held nothing there.
            if (!covered.contains(slot) && SessionDigests.of(s.datums(slot), session).count() > 0) {
                differing.add(slot);
            }
        }
        return differing;
    }

    private CompletableFuture<SlotPublishersReply> fetch(String address, List<Integer> slots) {
        return CompletableFuture.supplyAsync(() -> caller.call(address, new SlotPublishersQuery(slots),
                SlotPublishersReply.class, callTimeoutMs), fetches);
    }

    private static SlotPublishersReply join(CompletableFuture<SlotPublishersReply> reply) {
        try {
            return reply.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    private void apply(ProcessId session, List<Integer> slots, SlotPublishersReply reply, Map<Integer, Long> migrating) {
        Map<Integer, List<Publisher>> bySlot = new HashMap<>();
        slots.forEach(slot -> bySlot.put(slot, new ArrayList<>()));
        for (Publisher p : reply.publishers()) {
            List<Publisher> list = p == null ? null : bySlot.get(slotFunction.slotOf(p.dataInfoId()));
            if (list != null && session.equals(p.sessionProcessId())) {
                list.add(p);
            }
        }
        SlotStore s = store.get();
        for (Map.Entry<Integer, List<Publisher>> slot : bySlot.entrySet()) {
            try {
                written.accept(s.syncSession(slot.getKey(), session, reply.snapshotStamp(), slot.getValue(),
                        migrating.get(slot.getKey())).changes());
            } catch (SlotMovedException moved) {
                // a newer table took the slot; its new owner reconciles it
            } catch (OwnerExpiredException expired) {
                // meta expired the session meanwhile: its late answer must not bring it back
            }
        }
    }
}
