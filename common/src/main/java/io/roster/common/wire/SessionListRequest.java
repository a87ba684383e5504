package io.roster.common.wire;

/** SDK (or CLI) to any meta peer: the session nodes clients can connect to. */
public final class SessionListRequest {
    @Override
    public String toString() {
        return "SessionListRequest{}";
    }
}
