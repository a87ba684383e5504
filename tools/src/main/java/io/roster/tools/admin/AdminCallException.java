package io.roster.tools.admin;

/**
 * A call to a node's admin HTTP port that got no usable answer: the port was unreachable, or it answered an error
 * status. The message is one line fit to show the operator as is (it carries the server's own error text).
 */
public final class AdminCallException extends RuntimeException {
    private final int status;

    public AdminCallException(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    /** The HTTP status the port answered, or 0 when it could not be reached. */
    public int status() {
        return status;
    }
}
