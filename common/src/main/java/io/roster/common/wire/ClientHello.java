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
    /** The application the client says it is, and its token (checked when security.client-auth is on); null: none. */
    private final String app;
    private final String token;

    public ClientHello(String clientId, List<String> capabilities) {
        this(clientId, capabilities, null, null);
    }

    public ClientHello(String clientId, List<String> capabilities, String app, String token) {
        this.clientId = clientId;
        this.capabilities = List.copyOf(capabilities);
        this.app = app;
        this.token = token;
    }

    public String app() {
        return app == null ? "" : app;
    }

    public String token() {
        return token == null ? "" : token;
    }

    public String clientId() {
        return clientId == null ? "" : clientId;
    }

    public List<String> capabilities() {
        return capabilities == null ? List.of() : capabilities;
    }

    @Override
    public String toString() {
        return "ClientHello{" + clientId + " " + capabilities() + (app == null ? "" : " app=" + app) + "}"; // never the token
    }
}
