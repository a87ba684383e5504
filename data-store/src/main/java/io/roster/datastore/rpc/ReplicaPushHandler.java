package io.roster.datastore.rpc;

import com.alipay.remoting.BizContext;
import io.roster.common.model.Datum;
import io.roster.common.rpc.RequestHandler;
import io.roster.common.wire.ErrorCode;
import io.roster.common.wire.ReplicaPush;
import io.roster.common.wire.SimpleReply;
import io.roster.datastore.slot.SlotAssignment;

/**
 * Follower side of the push stream: installs the leader's datums, if this node follows the slot under exactly
 * that leader and leaderEpoch in its table. Anything else (an old leader still pushing, a table not yet seen here)
 * is refused with SLOT_NOT_OWNED; the leader retries while it still leads, and the digest sync covers the rest.
 */
public final class ReplicaPushHandler extends RequestHandler<ReplicaPush> {
    private final DataRequestContext ctx;

    public ReplicaPushHandler(DataRequestContext ctx) {
        super(ReplicaPush.class, ctx.executor());
        this.ctx = ctx;
    }

    @Override
    protected Object handle(BizContext context, ReplicaPush push) {
        SlotAssignment current = ctx.assignment().get();
        Long leaderEpoch = current.followedSlots().get(push.slotId());
        if (leaderEpoch == null || leaderEpoch != push.leaderEpoch() || !current.leaderOf(push.slotId()).equals(push.leaderAddress())) {
            return errorReply(ErrorCode.SLOT_NOT_OWNED, "data node " + current.selfAddress() + " does not follow slot "
                    + push.slotId() + " under " + push.leaderAddress() + " at leaderEpoch " + push.leaderEpoch()
                    + " (its slot table epoch " + current.epoch() + ")");
        }
        for (Datum d : push.datums()) {
            ctx.checks().slot(push.slotId(), ctx.checks().dataInfoId(d.dataInfoId()));
        }
        ctx.copies().install(push.slotId(), leaderEpoch, push.datums());
        return new SimpleReply(ErrorCode.OK, "");
    }

    @Override
    protected Object errorReply(ErrorCode code, String message) {
        return new SimpleReply(code, message);
    }
}
