package io.roster.client;

/**
 * What a client's application-level routing table holds; not API, for Roster's own benchmarks and tests:
 * {@code RoutingStats.of(client).entriesHeld()}. Each application instance is held once, in its application's
 * shared subscription, however many interface subscriptions use it.
 *
 * @param interfaceSubscriptions live {@code subscribeInterface} subscriptions
 * @param appSubscriptions       shared subscriptions of application datums
 * @param appInstances           application instances held (once each)
 * @param interfaceLevelItems    interface-level items held by the interface subscriptions
 * @param revisions              revisions cached
 */
public record RoutingStats(int interfaceSubscriptions, int appSubscriptions, int appInstances, int interfaceLevelItems,
                           int revisions) {
    /** Entries of the routing table: application instances plus interface-level items. */
    public int entriesHeld() {
        return appInstances + interfaceLevelItems;
    }

    /** The stats of {@code client}, one the SDK built. */
    public static RoutingStats of(RosterClient client) {
        if (client instanceof DefaultRosterClient c) {
            return c.routingStats();
        }
        throw new IllegalArgumentException("not a client the SDK built: " + client);
    }
}
