package io.roster.common.wire;

import java.util.Objects;

/**
 * One client connection with registrations in a session: its client id(s) (comma-separated when several clients
 * share it), the address the session saw, the application of its registrations, when the session first saw it
 * (wall clock, epoch millis) and what it registered.
 */
public final class ConnectionItem {
    private final String clientId;
    private final String clientAddress;
    private final String app;
    private final long connectedAtMillis;
    private final int publishers;
    private final int subscribers;

    public ConnectionItem(String clientId, String clientAddress, String app, long connectedAtMillis, int publishers,
                          int subscribers) {
        this.clientId = clientId;
        this.clientAddress = clientAddress;
        this.app = app;
        this.connectedAtMillis = connectedAtMillis;
        this.publishers = publishers;
        this.subscribers = subscribers;
    }

    public String clientId() {
        return clientId == null ? "" : clientId;
    }

    public String clientAddress() {
        return clientAddress == null ? "" : clientAddress;
    }

    public String app() {
        return app == null ? "" : app;
    }

    public long connectedAtMillis() {
        return connectedAtMillis;
    }

    public int publishers() {
        return publishers;
    }

    public int subscribers() {
        return subscribers;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ConnectionItem c && clientId().equals(c.clientId()) && clientAddress().equals(c.clientAddress())
                && app().equals(c.app()) && connectedAtMillis == c.connectedAtMillis && publishers == c.publishers
                && subscribers == c.subscribers;
    }

    @Override
    public int hashCode() {
        return Objects.hash(clientId(), clientAddress(), connectedAtMillis);
    }

    @Override
    public String toString() {
        return "ConnectionItem{" + clientId() + "@" + clientAddress() + " app=" + app() + " pub=" + publishers
                + " sub=" + subscribers + "}";
    }
}
