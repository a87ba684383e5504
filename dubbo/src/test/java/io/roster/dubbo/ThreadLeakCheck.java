package io.roster.dubbo;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Fails a test that leaves a thread running: every thread alive after the test (and its own teardown) must have been
 * alive before it, within a grace for threads that are ending. The in-process Roster node lives for the class and
 * starts pool threads lazily (its session, push, meta and data pools, bolt's server-side executors), so threads of
 * those names are the node's, not the test's; everything else (Dubbo's threads, the Roster SDK's
 * {@code roster-client-*}) must be gone.
 */
final class ThreadLeakCheck implements BeforeEachCallback, AfterEachCallback {
    private Set<Thread> before = Set.of();

    @Override
    public void beforeEach(ExtensionContext context) {
        before = Set.copyOf(Thread.getAllStackTraces().keySet());
    }

    @Override
    public void afterEach(ExtensionContext context) {
        await("threads the test started to end").atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100))
                .untilAsserted(() -> assertThat(leftovers()).as("threads started by the test").isEmpty());
    }

    private Set<String> leftovers() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && !before.contains(t) && !jdkOwned(t))
                .map(Thread::getName)
                .collect(Collectors.toSet());
    }

    private static final List<String> NOT_THE_TESTS = List.of(
            // the JDK's shared pools keep idle workers for a while, whoever used them
            "ForkJoinPool.commonPool", "process reaper",
            // the Roster node's lazily started pools
            "session-", "push-", "meta-", "data-", "raft-", "JRaft", "Bolt-", "DefaultTimer", "awaitility");

    private static boolean jdkOwned(Thread t) {
        return NOT_THE_TESTS.stream().anyMatch(t.getName()::startsWith);
    }
}
