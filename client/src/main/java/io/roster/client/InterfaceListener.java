package io.roster.client;

import java.util.List;

/**
 * Receives the whole current list of an interface's providers (see {@link RosterClient#subscribeInterface}) each
 * time it changes: application instances whose revision serves the interface, and interface-level publishers that
 * have not moved, an address published both ways listed once. Called on the client's callback thread, one call at a
 * time per subscription; {@code version} only grows per subscription (the client's own count, not a server version).
 */
@FunctionalInterface
public interface InterfaceListener {
    void onInstances(String interfaceId, List<InterfaceInstance> instances, long version);
}
