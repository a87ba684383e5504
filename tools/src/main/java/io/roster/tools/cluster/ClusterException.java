package io.roster.tools.cluster;

/** A local-cluster operation failed; the message says which node and where its log is. */
public final class ClusterException extends RuntimeException {
    public ClusterException(String message) {
        super(message);
    }
}
