package io.roster.common.rpc;

/** A server could not bind its port; the message names the configuration key, host and port. */
public class PortInUseException extends RuntimeException {
    public PortInUseException(String message, Throwable cause) {
        super(message, cause);
    }
}
