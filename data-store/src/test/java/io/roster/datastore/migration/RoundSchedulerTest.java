package io.roster.datastore.migration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * When the reconciliation rounds run. A session's answer asks for a round at once while the periodic recheck is
 * already queued: the answer must not wait for the recheck (a promotion then took the recheck interval, ~100 ms,
 * however fast the session answered).
 */
@Timeout(30)
class RoundSchedulerTest {
    private static final long FAR_MS = 60_000;
    private static final Duration WAIT = Duration.ofSeconds(10);

    @Test
    void aRoundAskedSoonerThanTheQueuedOneRunsWithoutWaitingForIt() {
        AtomicInteger runs = new AtomicInteger();
        try (RoundScheduler scheduler = new RoundScheduler("test-rounds", runs::incrementAndGet)) {
            scheduler.schedule(FAR_MS); // the recheck
            scheduler.schedule(0);      // an answer came

            await().atMost(WAIT).until(() -> runs.get() >= 1);
        }
    }

    @Test
    void aRoundAskedLaterThanTheQueuedOneSharesIt() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        CountDownLatch ran = new CountDownLatch(1);
        try (RoundScheduler scheduler = new RoundScheduler("test-rounds", () -> {
            runs.incrementAndGet();
            ran.countDown();
        })) {
            scheduler.schedule(200);
            scheduler.schedule(FAR_MS);

            ran.await();
            scheduler.schedule(FAR_MS); // nothing queued now: this one is queued, far away
            assertThat(runs.get()).isEqualTo(1);
        }
    }

    @Test
    void aRoundAskedWhileOneRunsRunsAgainAfterIt() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        CountDownLatch running = new CountDownLatch(1), release = new CountDownLatch(1);
        try (RoundScheduler scheduler = new RoundScheduler("test-rounds", () -> {
            if (runs.incrementAndGet() == 1) {
                running.countDown();
                awaitQuietly(release);
            }
        })) {
            scheduler.schedule(0);
            running.await();
            scheduler.schedule(0); // an answer that came while the round ran, maybe after it read the answers
            release.countDown();

            await().atMost(WAIT).until(() -> runs.get() == 2);
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
