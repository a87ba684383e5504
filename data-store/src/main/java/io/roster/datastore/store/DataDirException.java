package io.roster.datastore.store;

/**
 * The data directory cannot be used (held by another process, not writable, written for another slot count):
 * start-up stops with this message, which names the directory and what to do. Damage is not this: a damaged copy
 * is moved aside and the node resyncs ({@link LoadReport#damaged()}).
 */
public class DataDirException extends RuntimeException {
    public DataDirException(String message, Throwable cause) {
        super(message, cause);
    }
}
