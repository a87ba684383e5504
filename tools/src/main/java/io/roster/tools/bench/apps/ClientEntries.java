package io.roster.tools.bench.apps;

import io.roster.client.RosterClient;
import io.roster.client.RoutingStats;

import java.util.OptionalLong;

/**
 * How many entries an SDK client holds for its application-level subscriptions: {@link RoutingStats#entriesHeld()}
 * (each application instance once, in its application's shared subscription, plus the interface-level items of its
 * interface subscriptions). Empty for a client the SDK did not build, in which case the bench counts what its
 * listeners were handed instead and says so.
 */
@FunctionalInterface
interface ClientEntries {
    String ACCESSOR = "RoutingStats.entriesHeld";

    OptionalLong held(RosterClient client);

    static ClientEntries sdkAccessor() {
        return client -> {
            try {
                return OptionalLong.of(RoutingStats.of(client).entriesHeld());
            } catch (IllegalArgumentException e) {
                return OptionalLong.empty();
            }
        };
    }
}
