package io.roster.client;

import java.util.List;

/**
 * One live publisher of this client. The client keeps it registered across session failures (it is replayed on every
 * new connection) until {@link #unpublish()} or {@link RosterClient#close()}. Thread-safe; calls on one publication
 * are serialized.
 */
public interface Publication {
    /** The canonical dataInfoId published under. */
    String dataInfoId();

    /** The client-chosen id of this registration, stable across reconnects. */
    String registerId();

    /** The version the session last accepted or will get on replay: 1 after publish, +1 per republish. */
    long version();

    /** Replaces the published data (UTF-8 strings) with version + 1. Throws like {@link RosterClient#publish}. */
    void republish(String... data);

    /** Replaces the published data with version + 1. Throws like {@link RosterClient#publish}. */
    void republish(List<byte[]> data);

    /**
     * Removes this publisher. Idempotent once it succeeded. While the client is disconnected this only forgets it
     * locally: the session already dropped everything of the lost connection, and replay will not bring it back.
     *
     * @throws RosterRequestException      the session answered an error: the publisher is still registered (and is
     *                                     replayed on reconnect); call unpublish again, e.g. after a retryable code
     * @throws RosterNotConnectedException a reconnect under way did not finish within the connect timeout; the
     *                                     publisher is still registered
     */
    void unpublish();
}
