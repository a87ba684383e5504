package io.roster.session.reconcile;

import com.alipay.remoting.BizContext;
import io.roster.common.model.ProcessId;
import io.roster.common.slot.SlotFunction;
import io.roster.common.wire.ErrorCode;
import io.roster.common.wire.SlotDigestQuery;
import io.roster.common.wire.SlotDigestQueryReply;
import io.roster.session.routing.SlotLeaderFence;
import io.roster.session.registry.ClientRegistry;

import java.util.List;
import java.util.concurrent.Executor;

/**
 * A new slot leader's first question while its slots migrate (docs/ARCHITECTURE.md): the digest of this session's
 * publishers in each slot asked, so it fetches only the slots whose digest differs from its copy.
 */
public final class SlotDigestQueryHandler extends SlotQueryHandler<SlotDigestQuery> {
    private final SlotLeaderFence fence;

    public SlotDigestQueryHandler(ClientRegistry registry, SlotFunction slots, ProcessId processId, Executor executor) {
        this(registry, slots, processId, executor, new SlotLeaderFence());
    }

    /** @param fence where the leader asking is recorded, so this session's router sends it the slots' later writes */
    public SlotDigestQueryHandler(ClientRegistry registry, SlotFunction slots, ProcessId processId, Executor executor,
                                  SlotLeaderFence fence) {
        super(SlotDigestQuery.class, registry, slots, processId, executor);
        this.fence = fence;
    }

    @Override
    protected Object handle(BizContext context, SlotDigestQuery query) {
        List<Integer> ids = checked(query.slotIds());
        // The fence goes up before the registry is read: a write this answer misses is routed to the asking leader.
        List<Long> epochs = query.leaderEpochs();
        if (epochs.size() == query.slotIds().size()) {
            for (int i = 0; i < epochs.size(); i++) {
                if (epochs.get(i) != null) { // decoded without the constructor: an element may be null
                    fence.asked(query.slotIds().get(i), query.leaderAddress(), epochs.get(i));
                }
            }
        }
        return new SlotDigestQueryReply(ErrorCode.OK, "", processId, digests(ids));
    }

    @Override
    protected Object errorReply(ErrorCode code, String message) {
        return new SlotDigestQueryReply(code, message, processId, List.of());
    }
}
