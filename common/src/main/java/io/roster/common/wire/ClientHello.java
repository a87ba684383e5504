package io.roster.common.wire;

import java.util.List;

/**
 * SDK client to its session, first on every new connection (before its replay): who it is and what it can take. A
 * session records the capabilities for that connection (answering an OK {@link SimpleReply}); a session that does not
 * know this message answers with an error, and the client then carries on as one without capabilities.
 */
public final class ClientHello {
    /** The client applies delta pushes ({@link PushMessage#baseVersion()} above 0) and wants keyed full pushes. */
    public static final String PUSH_DELTA = "push.delta";

    private final String clientId;
    private final List<String> capabilities;

    public ClientHello(String clientId, List<String> capabilities) {
        this.clientId = clientId;
        this.capabilities = List.copyOf(capabilities);
    }

    public String clientId() {
        return clientId == null ? "" : clientId;
    }

    public List<String> capabilities() {
        return capabilities == null ? List.of() : capabilities;
    }

    @Override
    public String toString() {
        return "ClientHello{" + clientId + " " + capabilities() + "}";
    }
}
