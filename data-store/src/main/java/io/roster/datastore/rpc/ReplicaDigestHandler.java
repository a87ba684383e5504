package io.roster.datastore.rpc;

import com.alipay.remoting.BizContext;
import io.roster.common.model.Datum;
import io.roster.common.rpc.RequestHandler;
import io.roster.common.wire.DatumDigest;
import io.roster.common.wire.ErrorCode;
import io.roster.common.wire.ReplicaDigestReply;
import io.roster.common.wire.ReplicaDigestRequest;
import io.roster.datastore.slot.SlotAssignment;
import io.roster.datastore.slot.SlotCheck;

import java.util.ArrayList;
import java.util.List;

/**
 * Leader side of the digest sync: every datum of a slot as (dataInfoId, version, count), answered only by the
 * leader of the follower's leaderEpoch and only in ACCEPT (while migrating, its copy is not final yet).
 */
public final class ReplicaDigestHandler extends RequestHandler<ReplicaDigestRequest> {
    private final DataRequestContext ctx;

    public ReplicaDigestHandler(DataRequestContext ctx) {
        super(ReplicaDigestRequest.class, ctx.executor());
        this.ctx = ctx;
    }

    @Override
    protected Object handle(BizContext context, ReplicaDigestRequest request) {
        SlotCheck slot = ReplicaFetchHandler.leaderAt(ctx, request.slotId(), request.leaderEpoch());
        if (!slot.ok()) {
            return errorReply(slot.code(), slot.message());
        }
        List<DatumDigest> digests = new ArrayList<>();
        for (Datum d : ctx.store().datums(request.slotId())) {
            digests.add(new DatumDigest(d.dataInfoId(), d.version(), d.publishers().size()));
        }
        return new ReplicaDigestReply(ErrorCode.OK, "", digests);
    }

    @Override
    protected Object errorReply(ErrorCode code, String message) {
        return new ReplicaDigestReply(code, message, List.of());
    }
}
