package io.roster.tools.bench.apps;

import io.roster.client.RosterClient;

import java.lang.reflect.Method;
import java.util.OptionalLong;

/**
 * How many entries an SDK client holds for its subscriptions (every list item it keeps, its shared application lists
 * and providers lists included): the accessor the application-level client provides. The bench codes against this
 * interface only; {@link #sdkAccessor()} calls the client's public {@code entriesHeld()} when the client has one, and
 * is empty otherwise, in which case the bench counts what its listeners were handed instead and says so.
 */
@FunctionalInterface
interface ClientEntries {
    String ACCESSOR = "entriesHeld";

    OptionalLong held(RosterClient client);

    /** The client's own count, through its {@code entriesHeld()} method when it has one (looked up, not linked). */
    static ClientEntries sdkAccessor() {
        return client -> {
            try {
                Method m = client.getClass().getMethod(ACCESSOR);
                m.setAccessible(true); // the implementation class is package-private
                return m.invoke(client) instanceof Number n ? OptionalLong.of(n.longValue()) : OptionalLong.empty();
            } catch (ReflectiveOperationException | RuntimeException e) {
                return OptionalLong.empty();
            }
        };
    }
}
