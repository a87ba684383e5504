package io.roster.session.limit;

import io.roster.common.config.ConfigException;
import io.roster.common.config.RosterConfig;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RateLimitConfigTest {
    private static RosterConfig config(Map<String, String> set) {
        return RosterConfig.load(null, Map.of(), set);
    }

    @Test
    void defaultsAreGenerousAndNamed() {
        RosterConfig defaults = config(Map.of());
        assertThat(RateLimitConfig.perClient(defaults)).isEqualTo(new RateLimit(2_000, 4_000,
                "session.rate-limit.client-per-sec", "session.rate-limit.client-burst"));
        assertThat(RateLimitConfig.perSession(defaults)).isEqualTo(new RateLimit(50_000, 100_000,
                "session.rate-limit.session-per-sec", "session.rate-limit.session-burst"));
    }

    @Test
    void zeroIsUnlimited() {
        RegistrationRates<String> rates = RateLimitConfig.rates(config(Map.of("session.rate-limit.client-per-sec", "0",
                "session.rate-limit.session-per-sec", "0")), () -> 0L);
        for (int i = 0; i < 200_000; i++) {
            assertThat(rates.admit("a", "a")).isNull();
        }
    }

    @Test
    void badValuesAreRefusedNamingTheKey() {
        assertThatThrownBy(() -> config(Map.of("session.rate-limit.client-per-sec", "-1")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("session.rate-limit.client-per-sec")
                .hasMessageContaining("between 0 and");
        assertThatThrownBy(() -> config(Map.of("session.rate-limit.client-burst", "0")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("session.rate-limit.client-burst")
                .hasMessageContaining("between 1 and");
        assertThatThrownBy(() -> config(Map.of("session.rate-limit.session-per-sec", "fast")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("session.rate-limit.session-per-sec");
        assertThatThrownBy(() -> config(Map.of("session.rate-limit.session-burst", "-5")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("session.rate-limit.session-burst");
    }
}
