package io.roster.session.registry;


import java.util.concurrent.atomic.AtomicLong;

/**
 * A subscriber of one of this session's clients, with the connection to push to and the highest version pushed
 * to it (ARCHITECTURE.md invariant 2: never push lower). Its {@code dataInfoId} is its push target: the dataInfoId,
 * or for an interface-only subscriber that dataInfoId with the suffix {@code push/PushTargets} gives it.
 */
public final class SubscriberRecord {
    private final String registerId;
    private final String dataInfoId;
    private final String clientId;
    private final ConnectionHandle connection;
    /** The application the client named when subscribing ("" when unknown). */
    private final String app;
    private final AtomicLong pushedVersion = new AtomicLong(-1);
    private volatile long pausedUntilMillis;

    public SubscriberRecord(String registerId, String dataInfoId, String clientId, ConnectionHandle connection) {
        this(registerId, dataInfoId, clientId, connection, "");
    }

    /** @param app the application the client named when subscribing (the query API shows it) */
    public SubscriberRecord(String registerId, String dataInfoId, String clientId, ConnectionHandle connection, String app) {
        this.app = app == null ? "" : app;
        this.registerId = registerId;
        this.dataInfoId = dataInfoId;
        this.clientId = clientId;
        this.connection = connection;
    }

    public String registerId() {
        return registerId;
    }

    public String dataInfoId() {
        return dataInfoId;
    }

    public String clientId() {
        return clientId;
    }

    public ConnectionHandle connection() {
        return connection;
    }

    public String app() {
        return app;
    }

    public long pushedVersion() {
        return pushedVersion.get();
    }

    /** Pushes to this subscriber gave up: leave it alone until {@code untilMillis} (docs/ARCHITECTURE.md). */
    public void pause(long untilMillis) {
        pausedUntilMillis = untilMillis;
    }

    public boolean paused(long nowMillis) {
        return nowMillis < pausedUntilMillis;
    }

    /** Records that {@code version} reached the client; never lowers the mark. */
    public void markPushed(long version) {
        pushedVersion.accumulateAndGet(version, Math::max);
    }
}
