package io.roster.meta.rpc;

import com.alipay.remoting.BizContext;
import io.roster.common.model.NodeInfo;
import io.roster.common.rpc.RequestHandler;
import io.roster.common.wire.ErrorCode;
import io.roster.common.wire.SessionListReply;
import io.roster.common.wire.SessionListRequest;
import io.roster.meta.raft.RaftRole;
import io.roster.meta.image.MetaImage;

import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * The live session addresses, for SDK clients configured with meta servers instead of sessions. Any peer answers
 * from its applied state, so many clients refreshing their lists spread over the meta group instead of all asking
 * the leader; a follower's list lags by at most what it has not applied yet, and a client only uses it to choose
 * where to connect.
 */
public final class SessionListHandler extends RequestHandler<SessionListRequest> {
    private final RaftRole role;
    private final Supplier<MetaImage> state;

    public SessionListHandler(RaftRole role, Supplier<MetaImage> state, Executor executor) {
        super(SessionListRequest.class, executor);
        this.role = role;
        this.state = state;
    }

    @Override
    protected Object handle(BizContext context, SessionListRequest request) {
        List<String> sessions = state.get().sessionNodes().stream().map(NodeInfo::address).sorted().toList();
        return new SessionListReply(ErrorCode.OK, "", sessions, role.leaderAddress());
    }

    @Override
    protected Object errorReply(ErrorCode code, String message) {
        return new SessionListReply(code, message, List.of(), role.leaderAddress());
    }
}
