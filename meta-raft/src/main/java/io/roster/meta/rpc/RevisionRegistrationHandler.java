package io.roster.meta.rpc;

import com.alipay.remoting.BizContext;
import io.roster.common.app.Revision;
import io.roster.common.model.InvalidInputException;
import io.roster.common.model.RegistryLimits;
import io.roster.common.rpc.RequestHandler;
import io.roster.common.wire.ErrorCode;
import io.roster.common.wire.RevisionRegistration;
import io.roster.common.wire.SimpleReply;
import io.roster.meta.leader.Registration;

import java.util.Optional;
import java.util.concurrent.Executor;

/**
 * A session forwarding a revision registration, on the leader only. The content is checked against its digest and
 * the limits first (INVALID_REQUEST naming the problem); a new digest while {@code meta.max-revisions} are live is
 * refused LIMIT_EXCEEDED naming the setting (a session's full catalog fetch must fit one frame); a digest already live is answered OK once a ReadIndex
 * confirmed this node still leads (its image is then current); else {@code RevisionRegistered} is written and OK
 * answered once applied. Either way the registration goes through the leader's writer, ordered with its
 * collections, so a revision answered OK is not collected by a decision taken before the answer. A collection
 * written before but applied only after the live check (its write timed out on the leader, yet it stayed in the
 * log) is caught after the ReadIndex: the image is read again and, the digest gone, the revision written again. NOT_LEADER names
 * the leader in its message ({@link SimpleReply} has no address field).
 */
public final class RevisionRegistrationHandler extends RequestHandler<RevisionRegistration> {
    private final LeaderRequest leader;
    private final RegistryLimits limits;
    private final long writeTimeoutMs;
    private final int maxRevisions;

    /** @param maxRevisions {@code meta.max-revisions}: live revisions beyond it are refused LIMIT_EXCEEDED */
    public RevisionRegistrationHandler(LeaderRequest leader, RegistryLimits limits, long writeTimeoutMs, int maxRevisions,
                                       Executor executor) {
        super(RevisionRegistration.class, executor);
        this.leader = leader;
        this.limits = limits;
        this.writeTimeoutMs = writeTimeoutMs;
        this.maxRevisions = maxRevisions;
    }

    @Override
    protected Object handle(BizContext context, RevisionRegistration request) {
        Revision revision = request.revision();
        if (revision == null) {
            throw new InvalidInputException("revision registration without a revision");
        }
        revision.check(limits);
        leader.requireLeader();
        long deadline = System.nanoTime() + writeTimeoutMs * 1_000_000;
        while (true) {
            Optional<Registration> done = leader.await(leader.loop().registerRevision(revision, maxRevisions), millisLeft(deadline),
                    "the revision registration failed");
            if (done.isEmpty()) {
                return errorReply(ErrorCode.UNAVAILABLE, "the registration of revision " + revision.digest()
                        + " was not committed within " + writeTimeoutMs + " ms (no meta quorum?); retry");
            }
            if (done.get().refused()) {
                return errorReply(ErrorCode.LIMIT_EXCEEDED, "revision " + revision.digest() + " of app " + revision.app()
                        + " is refused: meta holds " + done.get().image().revisions().catalog().size()
                        + " live revisions, the limit set by meta.max-revisions (" + maxRevisions + ")");
            }
            if (done.get().written()) {
                return new SimpleReply(ErrorCode.OK, "");
            }
            String unconfirmed = leader.confirmLeadership(millisLeft(deadline));
            if (unconfirmed != null) {
                return errorReply(ErrorCode.NOT_LEADER, LeaderRequest.unconfirmedMessage(unconfirmed));
            }
            if (leader.image().revisions().contains(revision.digest())) {
                return new SimpleReply(ErrorCode.OK, "");
            }
            // a collection whose write had timed out applied meanwhile: write the revision again before any OK
            if (millisLeft(deadline) <= 1) {
                return errorReply(ErrorCode.UNAVAILABLE, "revision " + revision.digest() + " was collected while "
                        + "being registered and could not be written again within " + writeTimeoutMs + " ms; retry");
            }
        }
    }

    private static long millisLeft(long deadline) {
        return Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
    }

    @Override
    protected Object errorReply(ErrorCode code, String message) {
        return new SimpleReply(code, message);
    }
}
