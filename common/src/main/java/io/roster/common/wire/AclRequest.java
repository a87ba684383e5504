package io.roster.common.wire;

/**
 * Admin to meta leader: read the client ACL, or change it through the Raft log. {@code op} is one of
 * {@code read}, {@code token-add} ({@code app}, {@code value} = the new token's SHA-256: the token itself never
 * leaves the process that made it), {@code token-revoke} ({@code app}, {@code value} = a token id, empty: all),
 * {@code allow} / {@code deny} ({@code app}, {@code action}, {@code value} = the dataId pattern).
 */
public final class AclRequest {
    public static final String READ = "read";
    public static final String TOKEN_ADD = "token-add";
    public static final String TOKEN_REVOKE = "token-revoke";
    public static final String ALLOW = "allow";
    public static final String DENY = "deny";

    private final String op;
    private final String app;
    private final String action;
    private final String value;

    public AclRequest(String op, String app, String action, String value) {
        this.op = op;
        this.app = app;
        this.action = action;
        this.value = value;
    }

    public static AclRequest read() {
        return new AclRequest(READ, "", "", "");
    }

    public String op() {
        return op == null ? READ : op;
    }

    public String app() {
        return app == null ? "" : app;
    }

    public String action() {
        return action == null ? "" : action;
    }

    public String value() {
        return value == null ? "" : value;
    }

    @Override
    public String toString() {
        return "AclRequest{" + op + " " + app + " " + action + " " + value + "}";
    }
}
