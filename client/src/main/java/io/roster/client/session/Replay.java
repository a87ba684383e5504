package io.roster.client.session;

import com.alipay.remoting.Connection;

/** Sends captured registrations on a new connection before calls may use it. */
@FunctionalInterface
public interface Replay {
    /**
     * True once the session accepted every registration (or rejected one for good). False when the replay could not
     * complete on this connection; the link then drops it, so that the next connection replays again. Publishes carry
     * {@code connectionGeneration}, the number of this connection.
     */
    boolean sendOn(Connection connection, String address, long connectionGeneration);
}
