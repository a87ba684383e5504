package io.roster.session.limit;

import io.roster.common.util.NamedThreads;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class DelayedRefusalsTest {
    private final ScheduledExecutorService timer = NamedThreads.scheduler("test-refusals");

    @AfterEach
    void stop() {
        NamedThreads.shutdown(timer);
    }

    @Test
    void aRefusalIsAnsweredAfterTheDelayAndBeyondTheCapAtOnce() {
        DelayedRefusals refusals = new DelayedRefusals(timer, 60_000, 2, 100);
        CompletionStage<String> first = refusals.answer("no");
        CompletionStage<String> second = refusals.answer("no");
        CompletionStage<String> third = refusals.answer("no");
        assertThat(first.toCompletableFuture()).isNotDone();
        assertThat(second.toCompletableFuture()).isNotDone();
        assertThat(third.toCompletableFuture()).isCompletedWithValue("no"); // over the cap: no state held for it
        assertThat(refusals.pending()).isEqualTo(2);
    }

    @Test
    void delayedAnswersComeAndFreeTheirPlace() {
        DelayedRefusals refusals = new DelayedRefusals(timer, 20, 1, 100);
        CompletionStage<String> first = refusals.answer("no");
        await().atMost(Duration.ofSeconds(5)).until(() -> first.toCompletableFuture().isDone());
        assertThat(refusals.pending()).isZero();
        assertThat(refusals.answer("again").toCompletableFuture()).isNotDone();
    }

    @Test
    void aConnectionWithTooManyRefusalsWaitingIsPausedUntilHalfWentOut() {
        DelayedRefusals refusals = new DelayedRefusals(timer, 200, 1000, 4);
        java.util.List<String> valve = new java.util.concurrent.CopyOnWriteArrayList<>();
        DelayedRefusals.Valve v = new DelayedRefusals.Valve() {
            @Override
            public void pause() {
                valve.add("pause");
            }

            @Override
            public void resume() {
                valve.add("resume");
            }
        };
        for (int i = 0; i < 3; i++) {
            refusals.answer("no", "flood", v);
        }
        refusals.answer("no", "other", v); // another connection's count is its own
        assertThat(valve).isEmpty();
        refusals.answer("no", "flood", v);
        assertThat(valve).containsExactly("pause");
        await().atMost(Duration.ofSeconds(5)).until(() -> refusals.pending() == 0);
        assertThat(valve).containsExactly("pause", "resume");
    }

    @Test
    void immediateAnswersAtOnce() {
        assertThat(DelayedRefusals.immediate().answer("no").toCompletableFuture()).isCompletedWithValue("no");
    }
}
