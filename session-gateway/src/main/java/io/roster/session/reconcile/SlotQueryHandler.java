package io.roster.session.reconcile;

import io.roster.common.model.ProcessId;
import io.roster.common.rpc.RequestHandler;
import io.roster.common.slot.SlotFunction;
import io.roster.common.wire.SlotDigest;
import io.roster.session.registry.ClientRegistry;

import java.util.List;
import java.util.concurrent.Executor;

/** A new slot leader's question about this session's publishers in some slots (digests, or the publishers). */
abstract class SlotQueryHandler<Q> extends RequestHandler<Q> {
    private final ClientRegistry registry;
    private final SlotFunction slots;
    /** This session, named in every reply. */
    final ProcessId processId;

    SlotQueryHandler(Class<Q> queryType, ClientRegistry registry, SlotFunction slots, ProcessId processId,
                     Executor executor) {
        super(queryType, executor);
        this.registry = registry;
        this.slots = slots;
        this.processId = processId;
    }

    /** Only data nodes ask: a client must not read other clients' publishers, or move the slot leader fence. */
    @Override
    protected boolean nodesOnly() {
        return true;
    }

    /** The slot ids asked, checked before anything is done: an id out of range is an INVALID_REQUEST. */
    List<Integer> checked(List<Integer> slotIds) {
        return SlotIds.checked(slotIds, slots.slotCount());
    }

    /** The digests of this session's publishers in {@code checkedIds}, read now. */
    List<SlotDigest> digests(List<Integer> checkedIds) {
        return SlotPublishers.digestsOf(registry.bySlot(), checkedIds);
    }

    /** This session's publishers in {@code checkedIds}, read now. */
    SlotPublishers held(List<Integer> checkedIds) {
        return SlotPublishers.of(registry.bySlot(), checkedIds);
    }
}
