package io.roster.client;

/** Base of every failure the Roster client reports to the application. Unchecked. */
public class RosterException extends RuntimeException {
    public RosterException(String message) {
        super(message);
    }

    public RosterException(String message, Throwable cause) {
        super(message, cause);
    }
}
