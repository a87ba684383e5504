package io.roster.common.wire;

/**
 * Base of every reply: processors never throw across the wire (bolt would serialize the exception with
 * hessian); they answer with a code and a message instead.
 */
public abstract class Reply {
    private final ErrorCode code;
    private final String message;

    protected Reply(ErrorCode code, String message) {
        this.code = code == null ? ErrorCode.OK : code;
        this.message = message == null ? "" : message;
    }

    public ErrorCode code() {
        return code == null ? ErrorCode.OK : code;
    }

    public String message() {
        return message == null ? "" : message;
    }

    public boolean ok() {
        return code() == ErrorCode.OK;
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "{" + code() + (message().isEmpty() ? "" : " " + message()) + "}";
    }
}
