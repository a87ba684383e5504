package io.roster.common.wire;

import io.roster.common.model.*;

/** Session to data node: remove every publisher of a client that this session owns and that registered no later than registeredBefore, in every slot the node leads. */
public final class ClientOffWrite {
    private final ProcessId sessionProcessId;
    private final String clientId;
    private final long registeredBefore;
    private final long removedAt;

    /** @param removedAt the session's registration-clock tick at which it dropped the client's publishers (0: unknown) */
    public ClientOffWrite(ProcessId sessionProcessId, String clientId, long registeredBefore, long removedAt) {
        this.sessionProcessId = sessionProcessId;
        this.clientId = clientId;
        this.registeredBefore = registeredBefore;
        this.removedAt = removedAt;
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

    /** When the session dropped them, on its registration clock; data refuses them from older snapshots. 0: unknown. */
    public long removedAt() {
        return removedAt;
    }

    @Override
    public String toString() {
        return "ClientOffWrite{" + "sessionProcessId=" + sessionProcessId + " " + "clientId=" + clientId + " " + "registeredBefore=" + registeredBefore + " removedAt=" + removedAt + "}";
    }
}
