package io.roster.client;

import java.util.List;

/**
 * No session connection came up within the connect timeout. The message names the addresses tried and the last
 * failure (while a reconnect replays the registrations, that may be the session's answer to the replay). The call
 * that threw changed nothing: a new registration is not kept, a removed one is still registered.
 */
public class RosterNotConnectedException extends RosterException {
    private final List<String> addresses;
    private final String lastFailure;

    public RosterNotConnectedException(String message, List<String> addresses, String lastFailure) {
        super(message);
        this.addresses = List.copyOf(addresses);
        this.lastFailure = lastFailure;
    }

    /** The session addresses the client cycles through. */
    public List<String> addresses() {
        return addresses;
    }

    /** Why the last connection attempt or connection failed, or null when none failed yet. */
    public String lastFailure() {
        return lastFailure;
    }
}
