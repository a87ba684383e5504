package io.roster.client;

import java.util.Map;

/**
 * One provider of an interface as an {@link InterfaceListener} gets it.
 *
 * @param address where it is reached ({@link io.roster.common.app.ServiceAddress} of the item)
 * @param params  the interface's parameters for this provider (from its application revision, overridden by the
 *                instance's own), or the query parameters of an interface-level item
 * @param item    the interface-level form: the published item, or {@link io.roster.common.app.ConvertedItem} of an
 *                application instance
 * @param app     the application of an application-level instance; null for an interface-level publisher
 */
public record InterfaceInstance(String address, Map<String, String> params, String item, String app) {
    public InterfaceInstance {
        params = Map.copyOf(params);
    }

    /** Whether it was published application-level (once per instance, with a revision). */
    public boolean applicationLevel() {
        return app != null;
    }
}
