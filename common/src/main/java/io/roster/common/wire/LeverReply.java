package io.roster.common.wire;

import io.roster.common.lever.IncidentLevers;
import io.roster.common.model.Switches;

/** Meta to admin: the levers after the request (committed through Raft when it changed one); names the leader. */
public final class LeverReply extends Reply {
    private final String leaderAddress;
    private final IncidentLevers levers;
    /** The cluster switches too, so one call shows whether gray push matters now. */
    private final Switches switches;

    public LeverReply(ErrorCode code, String message, String leaderAddress, IncidentLevers levers, Switches switches) {
        super(code, message);
        this.leaderAddress = leaderAddress;
        this.levers = levers;
        this.switches = switches;
    }

    public String leaderAddress() {
        return leaderAddress;
    }

    public IncidentLevers levers() {
        return levers == null ? IncidentLevers.NONE : levers;
    }

    public Switches switches() {
        return switches == null ? Switches.DEFAULTS : switches;
    }
}
