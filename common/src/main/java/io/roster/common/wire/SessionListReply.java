package io.roster.common.wire;

import java.util.List;

/**
 * The session addresses a meta peer lists as live (from its applied, Raft-replicated state: a follower may lag its
 * leader by a heartbeat), sorted; {@code leaderAddress} is the meta leader as that peer knows it (may be empty).
 */
public final class SessionListReply extends Reply {
    private final List<String> sessions;
    private final String leaderAddress;

    public SessionListReply(ErrorCode code, String message, List<String> sessions, String leaderAddress) {
        super(code, message);
        this.sessions = sessions == null ? List.of() : List.copyOf(sessions);
        this.leaderAddress = leaderAddress == null ? "" : leaderAddress;
    }

    public List<String> sessions() {
        return sessions == null ? List.of() : sessions;
    }

    public String leaderAddress() {
        return leaderAddress == null ? "" : leaderAddress;
    }
}
