package io.roster.meta.rpc;

import com.alipay.remoting.BizContext;
import io.roster.common.acl.AclRule;
import io.roster.common.acl.ClientAcl;
import io.roster.common.model.InvalidInputException;
import io.roster.common.rpc.RequestHandler;
import io.roster.common.wire.AclReply;
import io.roster.common.wire.AclRequest;
import io.roster.common.wire.ErrorCode;
import io.roster.meta.image.MetaImage;
import io.roster.meta.state.AclRuleChanged;
import io.roster.meta.state.AppCredentialChanged;
import io.roster.meta.state.MetaRecord;

import java.util.Optional;
import java.util.concurrent.Executor;

/**
 * The admin API's client ACL: reads it, or adds a token (by its hash), revokes tokens, adds or removes an allow rule
 * through the Raft log, on the leader only. Each change is checked against the ACL now (form, caps, the token to
 * revoke exists), so the log holds only entries that apply.
 */
public final class AclHandler extends RequestHandler<AclRequest> {
    private final LeaderRequest leader;
    private final long writeTimeoutMs;

    public AclHandler(LeaderRequest leader, long writeTimeoutMs, Executor executor) {
        super(AclRequest.class, executor);
        this.leader = leader;
        this.writeTimeoutMs = writeTimeoutMs;
    }

    @Override
    protected Object handle(BizContext context, AclRequest request) {
        leader.requireLeader();
        MetaImage now = leader.image();
        if (AclRequest.READ.equals(request.op())) {
            return new AclReply(ErrorCode.OK, "", leader.leaderAddress(), now.acl());
        }
        MetaRecord change;
        try {
            change = checkedChange(now.acl(), request, now.appliedIndex() + 1);
        } catch (ClientAcl.AclLimitException e) {
            return errorReply(ErrorCode.LIMIT_EXCEEDED, e.getMessage());
        }
        Optional<MetaImage> after = leader.await(leader.loop().writeSetting(change), writeTimeoutMs, "the ACL write failed");
        if (after.isEmpty()) {
            return errorReply(ErrorCode.UNAVAILABLE, "the ACL write was not committed within " + writeTimeoutMs
                    + " ms (no meta quorum?); it may still take effect");
        }
        String lost = notApplied(after.get().acl(), change);
        if (lost != null) {
            return errorReply(ErrorCode.LIMIT_EXCEEDED, lost);
        }
        return new AclReply(ErrorCode.OK, "", leader.leaderAddress(), after.get().acl());
    }

    /**
     * Why an add that passed {@link #checkedChange} on an earlier image is not in the one its entry made, or null: two
     * adds checked on the same image can both be logged, and replay applies the one past a cap as nothing.
     */
    static String notApplied(ClientAcl after, MetaRecord change) {
        if (change instanceof AppCredentialChanged c && c.on()
                && after.credentialsOf(c.app()).stream().noneMatch(t -> t.sha256().equals(c.value()))) {
            return "the token of app " + c.app() + " was not stored: the app's tokens were full when its entry applied"
                    + " (another create came first)";
        }
        if (change instanceof AclRuleChanged r && r.on() && !after.rules().contains(r.rule())) {
            return "the rule " + r.rule() + " was not stored: the rules were full when its entry applied";
        }
        return null;
    }

    /** The record for {@code request}, applied to {@code acl} first so a bad or over-cap change fails here. */
    public static MetaRecord checkedChange(ClientAcl acl, AclRequest request, long index) {
        String app = ClientAcl.checkApp(request.app());
        switch (request.op()) {
            case AclRequest.TOKEN_ADD -> {
                acl.withToken(app, request.value(), index);
                return new AppCredentialChanged(app, request.value(), true);
            }
            case AclRequest.TOKEN_REVOKE -> {
                if (!acl.hasLiveToken(app, request.value())) {
                    throw new InvalidInputException("app " + app + " holds no live token"
                            + (request.value().isEmpty() ? "" : " " + request.value()));
                }
                return new AppCredentialChanged(app, request.value(), false);
            }
            case AclRequest.ALLOW, AclRequest.DENY -> {
                boolean on = AclRequest.ALLOW.equals(request.op());
                AclRule rule = AclRule.parse(app, request.action(), request.value());
                acl.withRule(rule, on, index);
                return new AclRuleChanged(rule, on);
            }
            default -> throw new InvalidInputException("'" + request.op() + "' is not an ACL operation");
        }
    }

    @Override
    protected Object errorReply(ErrorCode code, String message) {
        return new AclReply(code, message, leader.leaderAddress(), null);
    }
}
