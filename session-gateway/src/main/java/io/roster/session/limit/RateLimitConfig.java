package io.roster.session.limit;

import io.roster.common.config.ConfigKey;
import io.roster.common.config.ConfigKeys;
import io.roster.common.config.RosterConfig;

import java.util.function.LongSupplier;

/** The session.rate-limit.* settings as a session's {@link RegistrationRates}. */
public final class RateLimitConfig {
    private RateLimitConfig() {
    }

    /** The rate one client connection is held to (session.rate-limit.client-per-sec and -burst). */
    public static RateLimit perClient(RosterConfig config) {
        return limit(config, ConfigKeys.SESSION_RATE_LIMIT_CLIENT_PER_SEC, ConfigKeys.SESSION_RATE_LIMIT_CLIENT_BURST);
    }

    /** The rate the session takes from all its clients (session.rate-limit.session-per-sec and -burst). */
    public static RateLimit perSession(RosterConfig config) {
        return limit(config, ConfigKeys.SESSION_RATE_LIMIT_SESSION_PER_SEC, ConfigKeys.SESSION_RATE_LIMIT_SESSION_BURST);
    }

    public static <K> RegistrationRates<K> rates(RosterConfig config, LongSupplier nanoClock) {
        return new RegistrationRates<>(perClient(config), perSession(config), nanoClock);
    }

    private static RateLimit limit(RosterConfig config, ConfigKey<Integer> rate, ConfigKey<Integer> burst) {
        return new RateLimit(config.get(rate), config.get(burst), rate.name(), burst.name());
    }
}
