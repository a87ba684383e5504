package io.roster.common.wire;

import io.roster.common.acl.ClientAcl;

/** Meta to admin: the client ACL after the request (committed through Raft when it changed it); names the leader. */
public final class AclReply extends Reply {
    private final String leaderAddress;
    private final ClientAcl acl;

    public AclReply(ErrorCode code, String message, String leaderAddress, ClientAcl acl) {
        super(code, message);
        this.leaderAddress = leaderAddress;
        this.acl = acl;
    }

    public String leaderAddress() {
        return leaderAddress;
    }

    public ClientAcl acl() {
        return acl == null ? ClientAcl.NONE : acl;
    }
}
