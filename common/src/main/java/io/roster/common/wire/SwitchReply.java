package io.roster.common.wire;

import io.roster.common.model.Switches;

/** Meta to CLI: the switches after the request (committed through Raft when it changed one); names the leader. */
public final class SwitchReply extends Reply {
    private final String leaderAddress;
    private final Switches switches;

    public SwitchReply(ErrorCode code, String message, String leaderAddress, Switches switches) {
        super(code, message);
        this.leaderAddress = leaderAddress;
        this.switches = switches;
    }

    public String leaderAddress() {
        return leaderAddress;
    }

    public Switches switches() {
        return switches == null ? Switches.DEFAULTS : switches;
    }
}
