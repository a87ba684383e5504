package io.roster.tools.cli.meta;

/**
 * A call to meta that got no usable answer: no meta node answered, or meta (or JRaft) refused. The message is one
 * line fit to show the operator as is.
 */
public final class MetaCallException extends RuntimeException {
    public MetaCallException(String message) {
        super(message, null, false, false);
    }
}
