package io.roster.session.reconcile;

import com.alipay.remoting.BizContext;
import io.roster.common.model.ProcessId;
import io.roster.common.slot.SlotFunction;
import io.roster.common.wire.ErrorCode;
import io.roster.common.wire.SlotPublishersQuery;
import io.roster.common.wire.SlotPublishersReply;
import io.roster.session.registry.ClientRegistry;
import io.roster.session.registry.RegistrationClock;

import java.util.List;
import java.util.concurrent.Executor;

/**
 * A new slot leader's second question, for the slots whose digest differed: every publisher of this session there.
 * The reply's stamp is ticked before the registry is read, so data may drop what this session owned there
 * registered no later than it and not listed, while a registration racing the snapshot stamps higher and stays.
 */
public final class SlotPublishersQueryHandler extends SlotQueryHandler<SlotPublishersQuery> {
    private final RegistrationClock clock;

    public SlotPublishersQueryHandler(ClientRegistry registry, RegistrationClock clock, SlotFunction slots, ProcessId processId,
                                      Executor executor) {
        super(SlotPublishersQuery.class, registry, slots, processId, executor);
        this.clock = clock;
    }

    @Override
    protected Object handle(BizContext context, SlotPublishersQuery query) {
        List<Integer> ids = checked(query.slotIds());
        long stamp = clock.snapshotTick();
        return new SlotPublishersReply(ErrorCode.OK, "", processId, stamp, held(ids).all());
    }

    @Override
    protected Object errorReply(ErrorCode code, String message) {
        return new SlotPublishersReply(code, message, processId, 0, List.of());
    }
}
