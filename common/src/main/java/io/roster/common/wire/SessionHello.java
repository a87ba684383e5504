package io.roster.common.wire;

import io.roster.common.model.*;

/** Session to data node: registers the connection over which the data node sends change notices. */
public final class SessionHello {
    private final ProcessId sessionProcessId;

    public SessionHello(ProcessId sessionProcessId) {
        this.sessionProcessId = sessionProcessId;
    }

    public ProcessId sessionProcessId() {
        return sessionProcessId;
    }

    @Override
    public String toString() {
        return "SessionHello{" + "sessionProcessId=" + sessionProcessId + "}";
    }
}
