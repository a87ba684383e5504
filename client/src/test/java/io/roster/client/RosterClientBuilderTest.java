package io.roster.client;

import io.roster.common.config.ConfigKeys;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class RosterClientBuilderTest {
    @Test
    void theDefaultRequestTimeoutOutlastsTheClustersForwardingDeadline() {
        Duration requestTimeout = RosterClient.builder().sessions("h:1").appName("app").options().requestTimeout();
        assertThat(requestTimeout).isEqualTo(Duration.ofSeconds(10));
        // a session retries a write toward data for up to rpc.timeout-ms before answering: the client must wait longer
        assertThat(requestTimeout).isGreaterThan(Duration.ofMillis(2L * Integer.parseInt(ConfigKeys.RPC_TIMEOUT_MS.defaultValue())));
    }
}
