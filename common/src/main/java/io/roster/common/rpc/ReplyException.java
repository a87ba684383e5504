package io.roster.common.rpc;

import io.roster.common.wire.ErrorCode;

/**
 * An expected refusal found deep inside a handler (a slot that moved while the request waited): {@link RequestHandler}
 * answers it with its code and message, without a stack trace in the log.
 */
public class ReplyException extends RuntimeException {
    private final ErrorCode code;

    public ReplyException(ErrorCode code, String message) {
        super(message);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }
}
