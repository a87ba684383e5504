package io.roster.session.auth;

import io.roster.common.acl.AclAction;
import io.roster.common.acl.ClientAcl;
import io.roster.common.lever.IncidentLevers;
import io.roster.common.wire.ErrorCode;
import io.roster.session.registry.ConnectionHandle;

import java.util.concurrent.atomic.LongAdder;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Client authentication and authorization on a session ({@code security.client-auth}). A connection's hello left
 * the app it names and its token's SHA-256 on the connection's handle; every registration is checked against the
 * ACL meta sent last (so a token revoked or a rule removed refuses the next registration at once; what was
 * registered before stays until the connection closes). Off: every check passes, as before client auth existed.
 *
 * <p>Whether on or off, a registration (publish, subscribe, revision registration) waits for the session's first
 * heartbeat reply from meta: until then its ACL and the operator's levers are unknown (an empty ACL would refuse
 * every app, and a client-off or blacklisted host would be taken), so it is answered UNAVAILABLE, which the SDK
 * retries. Unpublish and unsubscribe do not wait.
 */
public final class ClientAccess {
    /** Every call passes. */
    public static final ClientAccess OFF = new ClientAccess(false, () -> ClientAcl.NONE);

    private final boolean enabled;
    private final Supplier<ClientAcl> acl;
    private final BooleanSupplier metaHeard;
    private final LongAdder refusedBeforeMeta = new LongAdder();

    /** @param acl the client ACL as the last heartbeat brought it */
    public ClientAccess(boolean enabled, Supplier<ClientAcl> acl) {
        this(enabled, acl, () -> true);
    }

    /**
     * @param metaHeard whether the session applied a heartbeat reply from meta (its ACL and levers) since it
     *                  started; registrations are answered UNAVAILABLE until it has
     */
    public ClientAccess(boolean enabled, Supplier<ClientAcl> acl, BooleanSupplier metaHeard) {
        this.enabled = enabled;
        this.acl = acl;
        this.metaHeard = metaHeard;
    }

    /** Registrations answered UNAVAILABLE because meta had not answered yet (gauge session.requests.before-meta). */
    public long refusedBeforeMeta() {
        return refusedBeforeMeta.sum();
    }

    /** UNAVAILABLE while the session has not heard from meta since it started, or null. */
    private Refusal beforeMeta() {
        if (metaHeard.getAsBoolean()) {
            return null;
        }
        refusedBeforeMeta.increment();
        return new Refusal(ErrorCode.UNAVAILABLE, "this session has not heard from meta since it started, so it"
                + " does not know its client ACL and incident levers yet; retry shortly");
    }

    public boolean enabled() {
        return enabled;
    }

    /** A refusal: its code (UNAVAILABLE before meta answered, UNAUTHENTICATED or FORBIDDEN) and the message naming why. */
    public record Refusal(ErrorCode code, String message) {
    }

    /**
     * Why the client on {@code connection} may not do anything here (not authenticated), or null. Before meta has
     * answered the ACL is not known: UNAVAILABLE then (retried by the SDK), never a refusal by an empty ACL.
     */
    public Refusal unauthenticated(ConnectionHandle connection) {
        if (!enabled) {
            return null;
        }
        Refusal early = beforeMeta();
        if (early != null) {
            return early;
        }
        String why = acl.get().authenticationRefusal(connection.app(), connection.tokenSha256());
        return why == null ? null : new Refusal(ErrorCode.UNAUTHENTICATED, why);
    }

    /** Why the client on {@code connection} may not register a revision of {@code app} (only its own app's), or null. */
    public Refusal revisionRefusal(ConnectionHandle connection, String app) {
        Refusal early = beforeMeta();
        if (early != null) {
            return early;
        }
        Refusal unauthenticated = unauthenticated(connection);
        if (unauthenticated != null || !enabled || connection.app().equals(app)) {
            return unauthenticated;
        }
        return new Refusal(ErrorCode.FORBIDDEN, "app '" + connection.app() + "' may not register a revision of app '"
                + app + "': a client registers its own app's revisions");
    }

    /** Why the client on {@code connection} may not {@code action} {@code dataInfoId}, or null when it may. */
    public Refusal refusal(ConnectionHandle connection, AclAction action, String dataInfoId) {
        Refusal early = beforeMeta();
        if (early != null || !enabled) {
            return early;
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
