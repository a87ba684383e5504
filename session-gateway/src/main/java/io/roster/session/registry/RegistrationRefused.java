package io.roster.session.registry;

import io.roster.common.rpc.ReplyException;
import io.roster.common.wire.ErrorCode;

/** A registration {@link ClientRegistry} did not take, and left everything as it was; the client call answers it. */
public final class RegistrationRefused extends ReplyException {
    private RegistrationRefused(ErrorCode code, String message) {
        super(code, message);
    }

    /** The connection's close was handled already: nothing registered over it would ever be removed. */
    static RegistrationRefused closing() {
        return new RegistrationRefused(ErrorCode.UNAVAILABLE, "this connection is closing; reconnect and register again");
    }

    /** Another client registered {@code registerId} here: a client may replace only its own registrations. */
    static RegistrationRefused heldByAnotherClient(String kind, String registerId) {
        return new RegistrationRefused(ErrorCode.INVALID_REQUEST, "registerId " + registerId + " is held by another client's "
                + kind + " on this session; each registration needs its own registerId");
    }

    /**
     * Refuses (FORBIDDEN) a change by {@code app} of a registration made over {@code holder} by another app. Apps, not
     * connections, own registrations, so a client's replay over its next connection still replaces its own. A null
     * {@code app} (client auth off) or {@code holder} (nothing held) passes.
     */
    static void unlessApp(String app, ConnectionHandle holder, String kind, String registerId) {
        if (app != null && holder != null && !holder.app().equals(app)) {
            throw new RegistrationRefused(ErrorCode.FORBIDDEN, "registerId " + registerId + " is a " + kind + " of app '"
                    + holder.app() + "' on this session; app '" + app + "' may not replace or remove it");
        }
    }
}
