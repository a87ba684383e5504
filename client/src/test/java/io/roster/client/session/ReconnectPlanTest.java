package io.roster.client.session;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ReconnectPlanTest {
    private final ReconnectPlan plan = new ReconnectPlan(List.of("a:1", "b:2", "c:3"), Duration.ofMillis(100), Duration.ofMillis(500));

    @Test
    void failedAttemptsCycleThroughTheAddressesWithADoublingCappedDelay() {
        assertThat(plan.address()).isEqualTo("a:1");
        assertThat(plan.onAttemptFailed()).isEqualTo(100);
        assertThat(plan.address()).isEqualTo("b:2");
        assertThat(plan.onAttemptFailed()).isEqualTo(200);
        assertThat(plan.address()).isEqualTo("c:3");
        assertThat(plan.onAttemptFailed()).isEqualTo(400);
        assertThat(plan.address()).isEqualTo("a:1");
        assertThat(plan.onAttemptFailed()).isEqualTo(500);
        assertThat(plan.onAttemptFailed()).isEqualTo(500);
    }

    @Test
    void aLostConnectionMovesToTheNextAddressAndAConnectionResetsTheDelay() {
        plan.onAttemptFailed();
        plan.onAttemptFailed();
        assertThat(plan.address()).isEqualTo("c:3");
        plan.onConnected();
        plan.onLost();
        assertThat(plan.address()).isEqualTo("a:1");
        assertThat(plan.onAttemptFailed()).isEqualTo(100);
    }

    @Test
    void oneAddressIsRetriedItself() {
        ReconnectPlan single = new ReconnectPlan(List.of("a:1"), Duration.ofMillis(10), Duration.ofMillis(10));
        single.onLost();
        assertThat(single.address()).isEqualTo("a:1");
        assertThat(single.onAttemptFailed()).isEqualTo(10);
        assertThat(single.address()).isEqualTo("a:1");
    }
}
