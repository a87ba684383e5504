package io.roster.client;

import io.roster.common.model.RegistryLimits;
import io.roster.common.wire.ErrorCode;
import io.roster.common.wire.SimpleReply;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClientOptionsTest {
    private static ClientOptions options(List<String> sessions, String appName, Duration min, Duration max) {
        return new ClientOptions(sessions, appName, null, Duration.ofSeconds(1), Duration.ofSeconds(1), min, max, RegistryLimits.DEFAULTS);
    }

    @Test
    void everyBadOptionIsNamed() {
        Duration ms = Duration.ofMillis(1);
        assertThatThrownBy(() -> options(List.of(), "app", ms, ms)).hasMessageContaining("sessions");
        assertThatThrownBy(() -> options(List.of("nohost"), "app", ms, ms)).hasMessageContaining("sessions: 'nohost' is not host:port");
        assertThatThrownBy(() -> options(List.of("h:1"), null, ms, ms)).hasMessage("appName is required");
        assertThatThrownBy(() -> options(List.of("h:1"), "", ms, ms)).hasMessageContaining("appName is empty");
        assertThatThrownBy(() -> options(List.of("h:1"), "app", Duration.ZERO, ms)).hasMessageContaining("reconnectBackoff min");
        assertThatThrownBy(() -> options(List.of("h:1"), "app", Duration.ofSeconds(2), ms)).hasMessageContaining("above max");
        assertThat(options(List.of("h:1"), "app", ms, ms).zone()).isEmpty();
    }

    @Test
    void sessionErrorsMapToTheirExceptions() {
        assertThat(Registrar.failure("publish of x", "s:1", new SimpleReply(ErrorCode.INVALID_REQUEST, "too big")))
                .isInstanceOf(InvalidRegistrationException.class)
                .hasMessage("session s:1 rejected the publish of x: too big");
        assertThat(Registrar.failure("publish of x", "s:1", new SimpleReply(ErrorCode.UNAVAILABLE, "no data node")))
                .isInstanceOfSatisfying(RosterRequestException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE))
                .hasMessage("session s:1 answered UNAVAILABLE to the publish of x: no data node");
    }
}
