package io.roster.client.session;

/** Where the client's one session connection stands. */
public enum LinkState {
    /** No connection; the reconnect loop is trying. */
    DISCONNECTED,
    /** A new connection is up and the registrations are being replayed on it; calls wait. */
    REPLAYING,
    /** Connected with every registration replayed; calls go through. */
    CONNECTED,
    /** The client is closed. */
    CLOSED
}
