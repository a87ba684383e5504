package io.roster.spring.instance;

import java.util.Map;
import java.util.Objects;

/**
 * One instance of a service as adapters publish it to Roster: the fields of {@link InstanceJson}'s version-1 form.
 * Immutable; {@code metadata} is copied.
 *
 * @param serviceId  the service (in Spring, the application name) the instance belongs to
 * @param instanceId unique among the service's instances (by default {@code host:port})
 * @param host       where it is reached
 * @param port       its port, 1..65535
 * @param secure     whether it is reached over TLS (https)
 * @param metadata   free string pairs (zone, version, weight...)
 */
public record RosterInstance(String serviceId, String instanceId, String host, int port, boolean secure,
                             Map<String, String> metadata) {
    public RosterInstance {
        requireText("serviceId", serviceId);
        requireText("instanceId", instanceId);
        requireText("host", host);
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be 1..65535, got " + port);
        }
        metadata = Map.copyOf(Objects.requireNonNullElse(metadata, Map.of()));
    }

    private static void requireText(String name, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is empty");
        }
    }
}
