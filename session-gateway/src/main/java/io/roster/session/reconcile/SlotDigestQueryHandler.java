package io.roster.session.reconcile;

import com.alipay.remoting.BizContext;
import io.roster.common.model.ProcessId;
import io.roster.common.rpc.RequestHandler;
import io.roster.common.slot.SlotFunction;
import io.roster.common.wire.ErrorCode;
import io.roster.common.wire.SlotDigestQuery;
import io.roster.common.wire.SlotDigestQueryReply;
import io.roster.session.registry.ClientRegistry;

import java.util.List;
import java.util.concurrent.Executor;

/**
 * A new slot leader's first question while its slots migrate (DESIGN.md section 4): the digest of this session's
 * publishers in each slot asked, so it fetches only the slots whose digest differs from its copy.
 */
public final class SlotDigestQueryHandler extends RequestHandler<SlotDigestQuery> {
    private final ClientRegistry registry;
    private final SlotFunction slots;
    private final ProcessId processId;

    public SlotDigestQueryHandler(ClientRegistry registry, SlotFunction slots, ProcessId processId, Executor executor) {
        super(SlotDigestQuery.class, executor);
        this.registry = registry;
        this.slots = slots;
        this.processId = processId;
    }

    @Override
    protected Object handle(BizContext context, SlotDigestQuery query) {
        List<Integer> ids = SlotIds.checked(query.slotIds(), slots.slotCount());
        SlotPublishers held = SlotPublishers.of(registry.bySlot(), ids);
        return new SlotDigestQueryReply(ErrorCode.OK, "", processId, held.digests());
    }

    @Override
    protected Object errorReply(ErrorCode code, String message) {
        return new SlotDigestQueryReply(code, message, processId, List.of());
    }
}
