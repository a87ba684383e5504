package io.roster.session.auth;

import io.roster.common.acl.AclAction;
import io.roster.common.acl.ClientAcl;
import io.roster.common.lever.IncidentLevers;
import io.roster.common.wire.ErrorCode;
import io.roster.session.registry.ConnectionHandle;

import java.util.function.Supplier;

/**
 * Client authentication and authorization on a session ({@code security.client-auth}). A connection's hello left
 * the app it names and its token's SHA-256 on the connection's handle; every registration is checked against the
 * ACL meta sent last (so a token revoked or a rule removed refuses the next registration at once; what was
 * registered before stays until the connection closes). Off: every check passes, as before client auth existed.
 */
public final class ClientAccess {
    /** Every call passes. */
    public static final ClientAccess OFF = new ClientAccess(false, () -> ClientAcl.NONE);

    private final boolean enabled;
    private final Supplier<ClientAcl> acl;

    /** @param acl the client ACL as the last heartbeat brought it */
    public ClientAccess(boolean enabled, Supplier<ClientAcl> acl) {
        this.enabled = enabled;
        this.acl = acl;
    }

    public boolean enabled() {
        return enabled;
    }

    /** A refusal: its code (UNAUTHENTICATED or FORBIDDEN) and the message naming why. */
    public record Refusal(ErrorCode code, String message) {
    }

    /** Why the client on {@code connection} may not do anything here (not authenticated), or null. */
    public Refusal unauthenticated(ConnectionHandle connection) {
        if (!enabled) {
            return null;
        }
        String why = acl.get().authenticationRefusal(connection.app(), connection.tokenSha256());
        return why == null ? null : new Refusal(ErrorCode.UNAUTHENTICATED, why);
    }

    /** Why the client on {@code connection} may not register a revision of {@code app} (only its own app's), or null. */
    public Refusal revisionRefusal(ConnectionHandle connection, String app) {
        Refusal unauthenticated = unauthenticated(connection);
        if (unauthenticated != null || !enabled || connection.app().equals(app)) {
            return unauthenticated;
        }
        return new Refusal(ErrorCode.FORBIDDEN, "app '" + connection.app() + "' may not register a revision of app '"
                + app + "': a client registers its own app's revisions");
    }

    /** Why the client on {@code connection} may not {@code action} {@code dataInfoId}, or null when it may. */
    public Refusal refusal(ConnectionHandle connection, AclAction action, String dataInfoId) {
        if (!enabled) {
            return null;
        }
        ClientAcl current = acl.get();
        String why = current.authenticationRefusal(connection.app(), connection.tokenSha256());
        if (why != null) {
            return new Refusal(ErrorCode.UNAUTHENTICATED, why);
        }
        if (!current.allows(connection.app(), action, dataInfoId)) {
            return new Refusal(ErrorCode.FORBIDDEN, "app '" + connection.app() + "' may not " + action.key() + " dataId '"
                    + IncidentLevers.dataIdOf(dataInfoId) + "': no ACL rule allows it (roster acl allow "
                    + connection.app() + " " + action.key() + " PATTERN)");
        }
        return null;
    }
}
