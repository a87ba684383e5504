package io.roster.meta.rpc;

import com.alipay.remoting.BizContext;
import io.roster.common.model.InvalidInputException;
import io.roster.common.rpc.RequestHandler;
import io.roster.common.wire.ErrorCode;
import io.roster.common.wire.RevisionCatalogReply;
import io.roster.common.wire.RevisionCatalogRequest;
import io.roster.meta.image.RevisionsImage;

import java.util.concurrent.Executor;

/**
 * A session (or the CLI) catching up with the revision catalog, on the leader only: after a ReadIndex confirmed
 * its leadership, the revisions and pairs the image stamped after the version asked for, with every live digest
 * (all of it from version 0). A deposed leader that has not noticed yet answers NOT_LEADER naming no leader, as
 * heartbeats do, so a session never takes a catalog older than one it could get.
 */
public final class RevisionCatalogHandler extends RequestHandler<RevisionCatalogRequest> {
    private final LeaderRequest leader;
    private final long readTimeoutMs;

    public RevisionCatalogHandler(LeaderRequest leader, long readTimeoutMs, Executor executor) {
        super(RevisionCatalogRequest.class, executor);
        this.leader = leader;
        this.readTimeoutMs = readTimeoutMs;
    }

    @Override
    protected Object handle(BizContext context, RevisionCatalogRequest request) {
        if (request.sinceVersion() < 0) {
            throw new InvalidInputException("catalog version " + request.sinceVersion() + " is negative");
        }
        leader.requireLeader();
        String unconfirmed = leader.confirmLeadership(readTimeoutMs);
        if (unconfirmed != null) {
            return new RevisionCatalogReply(ErrorCode.NOT_LEADER, LeaderRequest.unconfirmedMessage(unconfirmed),
                    leader.unconfirmedLeaderAddress());
        }
        RevisionsImage.Changes changes = leader.image().revisions().since(request.sinceVersion());
        return new RevisionCatalogReply(ErrorCode.OK, "", leader.leaderAddress(), changes.version(), changes.added(),
                changes.liveDigests(), changes.pairsAdded());
    }

    @Override
    protected Object errorReply(ErrorCode code, String message) {
        return new RevisionCatalogReply(code, message, leader.leaderAddress());
    }
}
