package io.roster.client;

import io.roster.common.wire.ErrorCode;

/**
 * The session answered a call with an error other than INVALID_REQUEST (see {@link InvalidRegistrationException}).
 * {@link #code()} tells whether retrying later can help ({@link ErrorCode#retryable()}).
 */
public class RosterRequestException extends RosterException {
    private final ErrorCode code;

    public RosterRequestException(ErrorCode code, String message) {
        super(message);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }
}
