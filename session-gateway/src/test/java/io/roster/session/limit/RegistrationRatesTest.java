package io.roster.session.limit;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class RegistrationRatesTest {
    private final AtomicLong now = new AtomicLong(5_000_000_000L);

    private RegistrationRates<String> rates(long clientRate, long clientBurst, long sessionRate, long sessionBurst) {
        return new RegistrationRates<>(new RateLimit(clientRate, clientBurst, "session.rate-limit.client-per-sec",
                "session.rate-limit.client-burst"), new RateLimit(sessionRate, sessionBurst,
                "session.rate-limit.session-per-sec", "session.rate-limit.session-burst"), now::get);
    }

    @Test
    void aClientOverItsRateIsRefusedNamingTheSettingAndOthersAreNot() {
        RegistrationRates<String> rates = rates(10, 3, 0, 0);
        for (int i = 0; i < 3; i++) {
            assertThat(rates.admit("a", "a@1")).isNull();
        }
        assertThat(rates.admit("a", "a@1")).contains("client a@1", "10 per second, burst 3",
                "session.rate-limit.client-per-sec", "session.rate-limit.client-burst", "retry in 100 ms");
        assertThat(rates.admit("b", "b@2")).isNull();
        assertThat(rates.refusedOverClientRate()).isEqualTo(1);

        now.addAndGet(100_000_000L);
        assertThat(rates.admit("a", "a@1")).isNull();
    }

    @Test
    void aFloodingClientDoesNotSpendTheSessionsBudget() {
        RegistrationRates<String> rates = rates(2, 2, 5, 5);
        for (int i = 0; i < 100; i++) {
            rates.admit("flood", "flood");
        }
        // The flood got its 2; the session's other 3 are left for everyone else.
        assertThat(rates.admit("b", "b")).isNull();
        assertThat(rates.admit("c", "c")).isNull();
        assertThat(rates.admit("d", "d")).isNull();
        assertThat(rates.admit("e", "e")).contains("this session is over its registration rate", "session.rate-limit.session-per-sec");
        assertThat(rates.refusedOverSessionRate()).isEqualTo(1);
        assertThat(rates.refusedOverClientRate()).isEqualTo(98);
    }

    @Test
    void aCallTheSessionRefusesCostsItsClientNothing() {
        RegistrationRates<String> rates = rates(1, 1, 1, 1);
        assertThat(rates.admit("a", "a")).isNull();
        assertThat(rates.admit("b", "b")).contains("this session");
        now.addAndGet(1_000_000_000L);
        assertThat(rates.admit("b", "b")).isNull(); // b's own token was given back, so the session's refill is enough
    }

    @Test
    void unlimitedAdmitsEverythingAndKeepsNoBuckets() {
        RegistrationRates<String> rates = rates(0, 0, 0, 0);
        for (int i = 0; i < 100_000; i++) {
            assertThat(rates.admit("a", "a")).isNull();
        }
        assertThat(rates.trackedClients()).isZero();
    }

    @Test
    void aClosedConnectionsBucketIsForgotten() {
        RegistrationRates<String> rates = rates(1, 1, 0, 0);
        rates.admit("a", "a");
        assertThat(rates.trackedClients()).isEqualTo(1);
        rates.forget("a");
        assertThat(rates.trackedClients()).isZero();
    }
}
