package io.roster.common.wire;

import java.util.List;

/**
 * A session's answer to a {@link RegistryQuery}: the items of the kind asked (the other lists empty), sorted, at most
 * the limit asked; {@code truncated} when more matched, {@code matched} how many did. {@code session} is the
 * answering session's address.
 */
public final class RegistryQueryReply extends Reply {
    private final String session;
    private final List<ServiceItem> services;
    private final List<RegistrationItem> registrations;
    private final List<ConnectionItem> connections;
    private final boolean truncated;
    private final int matched;

    public RegistryQueryReply(ErrorCode code, String message, String session, List<ServiceItem> services,
                              List<RegistrationItem> registrations, List<ConnectionItem> connections, boolean truncated,
                              int matched) {
        super(code, message);
        this.session = session;
        this.services = services == null ? List.of() : List.copyOf(services);
        this.registrations = registrations == null ? List.of() : List.copyOf(registrations);
        this.connections = connections == null ? List.of() : List.copyOf(connections);
        this.truncated = truncated;
        this.matched = matched;
    }

    /** An error answer naming what was wrong. */
    public static RegistryQueryReply error(ErrorCode code, String message, String session) {
        return new RegistryQueryReply(code, message, session, List.of(), List.of(), List.of(), false, 0);
    }

    public String session() {
        return session == null ? "" : session;
    }

    public List<ServiceItem> services() {
        return services == null ? List.of() : services;
    }

    public List<RegistrationItem> registrations() {
        return registrations == null ? List.of() : registrations;
    }

    public List<ConnectionItem> connections() {
        return connections == null ? List.of() : connections;
    }

    public boolean truncated() {
        return truncated;
    }

    /** How many items matched, all of them (at least {@link #size()}). */
    public int matched() {
        return matched;
    }

    /** How many items it carries, of whichever kind. */
    public int size() {
        return services().size() + registrations().size() + connections().size();
    }
}
