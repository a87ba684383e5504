package io.roster.session.rpc;

/**
 * The caps a session puts on its clients, each checked before a new registration is taken.
 *
 * @param maxClients                client connections with registrations here (session.max-clients)
 * @param maxRegistrationsPerClient publishers plus subscribers of one client id (session.max-registrations-per-client)
 */
public record ClientLimits(int maxClients, int maxRegistrationsPerClient) {
    public ClientLimits {
        if (maxClients < 1 || maxRegistrationsPerClient < 1) {
            throw new IllegalArgumentException("client limits must be positive: " + maxClients + " clients, "
                    + maxRegistrationsPerClient + " registrations per client");
        }
    }
}
