package io.roster.client;

/**
 * A registration that can never succeed as given: a malformed dataId, data over the limits, or a request the session
 * answered with INVALID_REQUEST. The message says what was wrong; retrying the same call fails the same way.
 */
public class InvalidRegistrationException extends RosterException {
    public InvalidRegistrationException(String message) {
        super(message);
    }

    public InvalidRegistrationException(String message, Throwable cause) {
        super(message, cause);
    }
}
