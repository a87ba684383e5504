package io.roster.session.limit;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TokenBucketTest {
    private final AtomicLong now = new AtomicLong(1_000_000_000_000L);

    private TokenBucket bucket(long perSecond, long burst) {
        return new TokenBucket(new RateLimit(perSecond, burst, "x.per-sec", "x.burst"), now::get);
    }

    private static int takeAll(TokenBucket b) {
        int taken = 0;
        while (b.tryTake()) {
            taken++;
        }
        return taken;
    }

    @Test
    void aFullBucketGivesItsBurstThenRefusesUntilItRefills() {
        TokenBucket b = bucket(10, 5);
        assertThat(takeAll(b)).isEqualTo(5);
        assertThat(b.tryTake()).isFalse();
        assertThat(b.nanosUntilToken()).isEqualTo(100_000_000L);

        now.addAndGet(99_999_999L);
        assertThat(b.tryTake()).isFalse();
        now.addAndGet(1);
        assertThat(b.tryTake()).isTrue();
        assertThat(b.tryTake()).isFalse();
    }

    @Test
    void refillsAtTheRateAndNeverAboveTheBurst() {
        TokenBucket b = bucket(1000, 50);
        takeAll(b);
        now.addAndGet(20_000_000L); // 20 ms: 20 tokens
        assertThat(takeAll(b)).isEqualTo(20);
        now.addAndGet(3_600_000_000_000L); // an hour of quiet still saves only the burst
        assertThat(b.available()).isEqualTo(50);
        assertThat(takeAll(b)).isEqualTo(50);
    }

    @Test
    void aSustainedCallerGetsTheRateOverTime() {
        TokenBucket b = bucket(100, 10);
        int taken = 0;
        for (int ms = 0; ms < 10_000; ms++) { // 10 s, trying 1,000 times a second
            if (b.tryTake()) {
                taken++;
            }
            now.addAndGet(1_000_000L);
        }
        assertThat(taken).isBetween(1_000, 1_010); // the rate for 10 s plus the first burst
    }

    @Test
    void aTokenGivenBackCanBeTakenAgain() {
        TokenBucket b = bucket(1, 1);
        assertThat(b.tryTake()).isTrue();
        assertThat(b.tryTake()).isFalse();
        b.giveBack();
        assertThat(b.tryTake()).isTrue();
    }

    @Test
    void unlimitedAndBadLimitsAreNamed() {
        assertThat(new RateLimit(0, 0, "a", "b").unlimited()).isTrue();
        assertThatThrownBy(() -> bucket(0, 1)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unlimited");
        assertThatThrownBy(() -> new RateLimit(-1, 1, "x.per-sec", "x.burst")).hasMessageContaining("x.per-sec");
        assertThatThrownBy(() -> new RateLimit(5, 0, "x.per-sec", "x.burst")).hasMessageContaining("x.burst");
    }
}
