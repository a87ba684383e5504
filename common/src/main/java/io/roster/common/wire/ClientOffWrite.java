package io.roster.common.wire;

import io.roster.common.model.*;

/** Session to data node: remove every publisher of a client that this session owns and that registered no later than registeredBefore, in every slot the node leads. */
public final class ClientOffWrite {
    private final ProcessId sessionProcessId;
    private final String clientId;
    private final long registeredBefore;

    public ClientOffWrite(ProcessId sessionProcessId, String clientId, long registeredBefore) {
        this.sessionProcessId = sessionProcessId;
        this.clientId = clientId;
        this.registeredBefore = registeredBefore;
    }

    public ProcessId sessionProcessId() {
        return sessionProcessId;
    }

    public String clientId() {
        return clientId;
    }

    public long registeredBefore() {
        return registeredBefore;
    }

    @Override
    public String toString() {
        return "ClientOffWrite{" + "sessionProcessId=" + sessionProcessId + " " + "clientId=" + clientId + " " + "registeredBefore=" + registeredBefore + "}";
    }
}
