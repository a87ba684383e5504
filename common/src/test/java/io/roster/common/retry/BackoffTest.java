package io.roster.common.retry;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BackoffTest {

    @Test
    void doublesFromMinUpToMax() {
        Backoff backoff = Backoff.ofMillis(100, 1_000);
        assertThat(backoff.delayMillis(1)).isEqualTo(100);
        assertThat(backoff.delayMillis(2)).isEqualTo(200);
        assertThat(backoff.delayMillis(4)).isEqualTo(800);
        assertThat(backoff.delayMillis(5)).isEqualTo(1_000);
        assertThat(backoff.delayMillis(Integer.MAX_VALUE)).isEqualTo(1_000);
    }

    @Test
    void aHugeAttemptNeverOverflowsPastMax() {
        Backoff backoff = Backoff.ofMillis(3, Long.MAX_VALUE);
        assertThat(backoff.delayMillis(61)).isEqualTo(3L << 60);
        assertThat(backoff.delayMillis(62)).isEqualTo(3L << 61);
        assertThat(backoff.delayMillis(63)).isEqualTo(Long.MAX_VALUE);
        assertThat(backoff.delayMillis(200)).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void aMaxBelowMinIsMin() {
        assertThat(Backoff.of(Duration.ofMillis(500), Duration.ofMillis(100)).delayMillis(3)).isEqualTo(500);
        assertThatThrownBy(() -> Backoff.ofMillis(-1, 10)).hasMessageContaining("-1");
    }

    @Test
    void aSequenceStartsOverAfterReset() {
        Backoff.Sequence seq = Backoff.ofMillis(10, 50).sequence();
        assertThat(seq.next()).isEqualTo(10);
        assertThat(seq.next()).isEqualTo(20);
        assertThat(seq.next()).isEqualTo(40);
        assertThat(seq.next()).isEqualTo(50);
        assertThat(seq.attempts()).isEqualTo(4);
        seq.reset();
        assertThat(seq.next()).isEqualTo(10);
    }
}
