package io.roster.client.session;

import java.util.List;

/**
 * No CONNECTED connection by the caller's deadline, or the wait was interrupted (then the cause is the
 * {@link InterruptedException}). The client's API turns it into its own exceptions with the same message.
 */
public final class LinkUnavailableException extends RuntimeException {
    private final List<String> addresses;
    private final String lastFailure;

    LinkUnavailableException(String message, List<String> addresses, String lastFailure) {
        super(message);
        this.addresses = List.copyOf(addresses);
        this.lastFailure = lastFailure;
    }

    LinkUnavailableException(String message, InterruptedException cause) {
        super(message, cause);
        this.addresses = List.of();
        this.lastFailure = null;
    }

    /** True when the wait was interrupted rather than timed out. */
    public boolean interrupted() {
        return getCause() instanceof InterruptedException;
    }

    /** The session addresses the link cycles through. */
    public List<String> addresses() {
        return addresses;
    }

    /** Why the last connection attempt or connection failed, or null when none failed yet. */
    public String lastFailure() {
        return lastFailure;
    }
}
