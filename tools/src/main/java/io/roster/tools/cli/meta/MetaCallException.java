package io.roster.tools.cli.meta;

/**
 * A call to meta that got no usable answer: no meta node answered, or meta (or JRaft) refused. The message is one
 * line fit to show the operator as is.
 */
public final class MetaCallException extends RuntimeException {
    private final boolean unanswered;

    public MetaCallException(String message) {
        this(message, false);
    }

    private MetaCallException(String message, boolean unanswered) {
        super(message, null, false, false);
        this.unanswered = unanswered;
    }

    /**
     * The request went out but no answer came back (a timeout, a dropped connection): unlike a refusal, the change
     * may still have happened, so whoever made it must look before calling it failed.
     */
    public static MetaCallException unanswered(String message) {
        return new MetaCallException(message, true);
    }

    public boolean unanswered() {
        return unanswered;
    }
}
