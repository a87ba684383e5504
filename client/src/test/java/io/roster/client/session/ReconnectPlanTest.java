package io.roster.client.session;

import io.roster.common.retry.Backoff;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ReconnectPlanTest {
    private final ReconnectPlan plan = new ReconnectPlan(List.of("a:1", "b:2", "c:3"), Backoff.ofMillis(100, 500));

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
    void aStableConnectionLostMovesOnAtOnceAndResetsTheDelay() {
        plan.onAttemptFailed();
        plan.onAttemptFailed();
        assertThat(plan.address()).isEqualTo("c:3");
        assertThat(plan.stableMillis()).isEqualTo(ReconnectPlan.MIN_STABLE_MILLIS);
        assertThat(plan.onLost(plan.stableMillis())).isZero();
        assertThat(plan.address()).isEqualTo("a:1");
        assertThat(plan.onAttemptFailed()).isEqualTo(100);
    }

    @Test
    void aConnectionLostSoonAfterItCameUpCountsAsAFailedAttempt() {
        // a session that accepts and closes at once: without the delay this would be a zero-delay loop
        assertThat(plan.onLost(0)).isEqualTo(100);
        assertThat(plan.address()).isEqualTo("b:2");
        assertThat(plan.onLost(5)).isEqualTo(200);
        assertThat(plan.onLost(plan.stableMillis() - 1)).isEqualTo(400);
        assertThat(plan.onLost(0)).isEqualTo(500);
        assertThat(plan.address()).isEqualTo("b:2");
    }

    @Test
    void theStableUptimeIsTheMaximumBackoffWhenThatIsLonger() {
        ReconnectPlan slow = new ReconnectPlan(List.of("a:1"), Backoff.ofMillis(100, 5000));
        assertThat(slow.stableMillis()).isEqualTo(5000);
        assertThat(slow.onLost(4999)).isEqualTo(100);
        assertThat(slow.onLost(5000)).isZero();
    }

    @Test
    void oneAddressIsRetriedItself() {
        ReconnectPlan single = new ReconnectPlan(List.of("a:1"), Backoff.ofMillis(10, 10));
        single.onLost(single.stableMillis());
        assertThat(single.address()).isEqualTo("a:1");
        assertThat(single.onAttemptFailed()).isEqualTo(10);
        assertThat(single.address()).isEqualTo("a:1");
    }
}
