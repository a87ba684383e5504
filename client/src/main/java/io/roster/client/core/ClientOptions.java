package io.roster.client.core;

import io.roster.common.config.HostPort;
import io.roster.common.model.RegistryLimits;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/** The validated options of one client; every check names the option that is wrong. */
public record ClientOptions(List<String> sessions, String appName, String zone, Duration connectTimeout,
                            Duration requestTimeout, Duration backoffMin, Duration backoffMax, RegistryLimits limits) {
    public ClientOptions {
        sessions = List.copyOf(sessions);
        if (sessions.isEmpty()) {
            throw new IllegalArgumentException("sessions: at least one session address (host:port) is required");
        }
        for (String address : sessions) {
            try {
                HostPort.parse(address);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("sessions: " + e.getMessage(), e);
            }
        }
        Objects.requireNonNull(limits, "limits");
        if (appName == null) {
            throw new IllegalArgumentException("appName is required");
        }
        limits.checkAppName(appName);
        zone = zone == null ? "" : zone;
        requirePositive("connectTimeout", connectTimeout);
        requirePositive("requestTimeout", requestTimeout);
        requirePositive("reconnectBackoff min", backoffMin);
        requirePositive("reconnectBackoff max", backoffMax);
        if (backoffMin.compareTo(backoffMax) > 0) {
            throw new IllegalArgumentException("reconnectBackoff: min " + backoffMin.toMillis() + " ms is above max "
                    + backoffMax.toMillis() + " ms");
        }
    }

    private static void requirePositive(String name, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, got " + value);
        }
    }
}
