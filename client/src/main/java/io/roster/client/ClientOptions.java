package io.roster.client;

import io.roster.common.config.HostPort;
import io.roster.common.model.RegistryLimits;
import io.roster.common.tls.LinkSecurity;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The validated options of one client; every check names the option that is wrong. Sessions come from
 * {@code sessions}, or from meta when {@code metaServers} are given (then {@code sessions}, if any, serve until meta
 * is first reached). {@code security} protects every connection the client opens (plain, or TLS: see
 * {@link RosterClientBuilder#tls}); {@code credentials} (may be null) name the application and its token in the hello.
 */
record ClientOptions(List<String> sessions, List<String> metaServers, String appName, String zone,
                            Duration connectTimeout, Duration requestTimeout, Duration backoffMin, Duration backoffMax,
                            RegistryLimits limits, Duration livenessInterval, Duration livenessTimeout, boolean deltaPush,
                            LinkSecurity security, ClientCredentials credentials) {
    /** The default liveness check: a ping every 500 ms, left after 1 s of silence (below the default 3 s lease). */
    public static final Duration DEFAULT_LIVENESS_INTERVAL = Duration.ofMillis(500);
    public static final Duration DEFAULT_LIVENESS_TIMEOUT = Duration.ofSeconds(1);

    public ClientOptions(List<String> sessions, String appName, String zone, Duration connectTimeout,
                         Duration requestTimeout, Duration backoffMin, Duration backoffMax, RegistryLimits limits) {
        this(sessions, List.of(), appName, zone, connectTimeout, requestTimeout, backoffMin, backoffMax, limits,
                DEFAULT_LIVENESS_INTERVAL, DEFAULT_LIVENESS_TIMEOUT, true, LinkSecurity.plain(), null);
    }

    /** Options of a client that takes delta pushes (the default). */
    public ClientOptions(List<String> sessions, List<String> metaServers, String appName, String zone,
                         Duration connectTimeout, Duration requestTimeout, Duration backoffMin, Duration backoffMax,
                         RegistryLimits limits, Duration livenessInterval, Duration livenessTimeout) {
        this(sessions, metaServers, appName, zone, connectTimeout, requestTimeout, backoffMin, backoffMax, limits,
                livenessInterval, livenessTimeout, true, LinkSecurity.plain(), null);
    }

    /** Options of a plain client without credentials (a session with client auth off). */
    public ClientOptions(List<String> sessions, List<String> metaServers, String appName, String zone,
                         Duration connectTimeout, Duration requestTimeout, Duration backoffMin, Duration backoffMax,
                         RegistryLimits limits, Duration livenessInterval, Duration livenessTimeout, boolean deltaPush) {
        this(sessions, metaServers, appName, zone, connectTimeout, requestTimeout, backoffMin, backoffMax, limits,
                livenessInterval, livenessTimeout, deltaPush, LinkSecurity.plain(), null);
    }

    public ClientOptions {
        sessions = List.copyOf(sessions);
        metaServers = List.copyOf(metaServers);
        if (sessions.isEmpty() && metaServers.isEmpty()) {
            throw new IllegalArgumentException("sessions: at least one session address (host:port) is required, "
                    + "or metaServers to take the sessions from meta");
        }
        checkAddresses("sessions", sessions);
        checkAddresses("metaServers", metaServers);
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(security, "security");
        if (appName == null) {
            throw new IllegalArgumentException("appName is required");
        }
        limits.checkAppName(appName);
        zone = zone == null ? "" : zone;
        if (livenessInterval == null || livenessInterval.isNegative()) {
            throw new IllegalArgumentException("livenessCheck interval must be zero (off) or positive, got " + livenessInterval);
        }
        if (!livenessInterval.isZero()) {
            requirePositive("livenessCheck timeout", livenessTimeout);
        }
        requirePositive("connectTimeout", connectTimeout);
        requirePositive("requestTimeout", requestTimeout);
        requirePositive("reconnectBackoff min", backoffMin);
        requirePositive("reconnectBackoff max", backoffMax);
        if (backoffMin.compareTo(backoffMax) > 0) {
            throw new IllegalArgumentException("reconnectBackoff: min " + backoffMin.toMillis() + " ms is above max "
                    + backoffMax.toMillis() + " ms");
        }
    }

    private static void checkAddresses(String option, List<String> addresses) {
        for (String address : addresses) {
            try {
                HostPort.parse(address);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(option + ": " + e.getMessage(), e);
            }
        }
    }

    private static void requirePositive(String name, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, got " + value);
        }
    }
}
