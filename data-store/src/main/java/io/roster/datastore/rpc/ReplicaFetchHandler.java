package io.roster.datastore.rpc;

import com.alipay.remoting.BizContext;
import io.roster.common.model.Datum;
import io.roster.common.rpc.RequestHandler;
import io.roster.common.wire.ErrorCode;
import io.roster.common.wire.ReplicaFetchReply;
import io.roster.common.wire.ReplicaFetchRequest;
import io.roster.datastore.slot.SlotAssignment;
import io.roster.datastore.slot.SlotCheck;

import java.util.ArrayList;
import java.util.List;

/** Leader side of the digest sync: the whole datums a follower found different. */
public final class ReplicaFetchHandler extends RequestHandler<ReplicaFetchRequest> {
    private final DataRequestContext ctx;

    public ReplicaFetchHandler(DataRequestContext ctx) {
        super(ReplicaFetchRequest.class, ctx.executor());
        this.ctx = ctx;
    }

    @Override
    protected Object handle(BizContext context, ReplicaFetchRequest request) {
        SlotCheck slot = leaderAt(ctx, request.slotId(), request.leaderEpoch());
        if (!slot.ok()) {
            return errorReply(slot.code(), slot.message());
        }
        List<Datum> datums = new ArrayList<>(request.dataInfoIds().size());
        for (String id : request.dataInfoIds()) {
            ctx.checks().slot(request.slotId(), ctx.checks().dataInfoId(id));
            datums.add(ctx.store().get(id));
        }
        return new ReplicaFetchReply(ErrorCode.OK, "", datums);
    }

    /** This node leads {@code slotId} at exactly {@code leaderEpoch}, in ACCEPT. */
    static SlotCheck leaderAt(DataRequestContext ctx, int slotId, long leaderEpoch) {
        SlotAssignment current = ctx.assignment().get();
        SlotCheck slot = current.usable().ok() ? ctx.servableSlot(current, slotId) : current.usable();
        if (slot.ok() && slot.leaderEpoch() != leaderEpoch) {
            return SlotCheck.refuse(ErrorCode.SLOT_NOT_OWNED, "slot " + slotId + " is led by " + current.selfAddress()
                    + " at leaderEpoch " + slot.leaderEpoch() + ", not " + leaderEpoch);
        }
        return slot;
    }

    @Override
    protected Object errorReply(ErrorCode code, String message) {
        return new ReplicaFetchReply(code, message, List.of());
    }
}
