package io.roster.spring.instance;

import java.util.Locale;

/**
 * Where a service's instances live in Roster. Each instance publishes its {@link InstanceJson} item under
 * {@code spring:<serviceId>} and its service id under the directory {@link #DIRECTORY}, which is how
 * {@code getServices()} learns the ids without asking anything but a subscription. Service ids are lower-cased,
 * as host names (which load-balanced URLs carry them in) are case-insensitive.
 */
public final class ServiceDataIds {
    /** The dataId whose items are the service ids of every registered instance (one item per instance). */
    public static final String DIRECTORY = "spring.services";
    /** The prefix of a service's instance dataId. */
    public static final String PREFIX = "spring:";

    private ServiceDataIds() {
    }

    /** The dataId of {@code serviceId}'s instances. */
    public static String instances(String serviceId) {
        return PREFIX + normalize(serviceId);
    }

    /** The service id as stored: trimmed and lower-cased. */
    public static String normalize(String serviceId) {
        if (serviceId == null || serviceId.isBlank()) {
            throw new IllegalArgumentException("serviceId is empty");
        }
        return serviceId.trim().toLowerCase(Locale.ROOT);
    }
}
