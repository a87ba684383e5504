package io.roster.session.registry;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@Timeout(30)
class RegistrationClockTest {

    @Test
    void ticksOnlyRise() {
        RegistrationClock clock = new RegistrationClock();
        long a = clock.tick();
        long b = clock.register(stamp -> stamp);
        long c = clock.snapshotTick();
        assertThat(a).isLessThan(b);
        assertThat(b).isLessThan(c);
    }

    @Test
    void aSnapshotStampWaitsForARegistrationStampedBeforeItToBeStored() throws Exception {
        RegistrationClock clock = new RegistrationClock();
        CountDownLatch stamped = new CountDownLatch(1);
        CountDownLatch store = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            CompletableFuture<Long> registration = CompletableFuture.supplyAsync(() -> clock.register(stamp -> {
                stamped.countDown();
                waitFor(store);
                return stamp;
            }), threads);
            assertThat(stamped.await(10, TimeUnit.SECONDS)).isTrue();
            CompletableFuture<Long> snapshot = CompletableFuture.supplyAsync(clock::snapshotTick, threads);

            // Still storing: a snapshot stamped now would be read without the registration it sorts after.
            await().during(java.time.Duration.ofMillis(200)).atMost(java.time.Duration.ofSeconds(2)).until(() -> !snapshot.isDone());
            store.countDown();

            assertThat(snapshot.get(10, TimeUnit.SECONDS)).isGreaterThan(registration.get(10, TimeUnit.SECONDS));
        } finally {
            store.countDown();
            threads.shutdownNow();
        }
    }

    private static void waitFor(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
