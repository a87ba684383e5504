package io.roster.datastore.migration;

import io.roster.common.model.ProcessId;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The exit rule of MIGRATING, driven by events and a clock passed in. */
class MigrationProgressTest {
    private static final long BOUND = 10_000;
    private final ProcessId s1 = new ProcessId("10.0.0.1:9600", 100, 1);
    private final ProcessId s1Restarted = new ProcessId("10.0.0.1:9600", 200, 2);
    private final ProcessId s2 = new ProcessId("10.0.0.2:9600", 100, 1);
    private final MigrationProgress progress = new MigrationProgress();

    @Test
    void aSlotIsReadyOnlyWhenEveryLiveProcessAnswered() {
        progress.track(Map.of(1, 7L), Map.of(), 0);
        progress.answered(s1, Map.of(1, 7L), progress.answersFrom());

        assertThat(progress.decide(Set.of(s1, s2), 9_999, BOUND).ready()).isEmpty();
        progress.answered(s2, Map.of(1, 7L), progress.answersFrom());
        assertThat(progress.decide(Set.of(s1, s2), 9_999, BOUND).ready()).containsExactly(1);
    }

    /**
     * A session process that goes (meta expired it) while a slot migrates takes its clients with it: they reconnect to
     * the other sessions and replay there, maybe after those answered, and the replayed writes wait for ACCEPT. So the
     * answers given before it went no longer cover every publisher; each live process answers again. (Before this rule
     * the slot entered ACCEPT at once, its copy still holding the moved publishers under the expired owner, which the
     * entry into ACCEPT drops: a partial list, found by a chaos run.)
     */
    @Test
    void whenALiveProcessGoesTheOthersAnswerAgainBeforeTheSlotIsReady() {
        progress.track(Map.of(1, 7L), Map.of(), 0);
        long askedBefore = progress.answersFrom();
        progress.answered(s1, Map.of(1, 7L), askedBefore);
        assertThat(progress.decide(Set.of(s1, s2), 100, BOUND).ready()).as("s2 silent").isEmpty();

        assertThat(progress.decide(Set.of(s1), 200, BOUND).ready()).as("s2 expired by meta: s1 answers again").isEmpty();
        assertThat(progress.pending(s1)).containsOnlyKeys(1);
        progress.answered(s1, Map.of(1, 7L), askedBefore);
        assertThat(progress.decide(Set.of(s1), 300, BOUND).ready()).as("an answer asked for before s2 went").isEmpty();

        progress.answered(s1, Map.of(1, 7L), progress.answersFrom());
        assertThat(progress.decide(Set.of(s1), 400, BOUND).ready()).containsExactly(1);
    }

    @Test
    void pastTheBoundAWarmCopyAcceptsWithoutTheSilentProcessAndAColdOneIsHeld() {
        progress.track(Map.of(1, 7L, 2, 7L), Map.of(1, 7L), 0);

        MigrationProgress.Decision before = progress.decide(Set.of(s1), 9_999, BOUND);
        MigrationProgress.Decision after = progress.decide(Set.of(s1), 10_000, BOUND);
        MigrationProgress.Decision later = progress.decide(Set.of(s1), 20_000, BOUND);

        assertThat(before.acceptWithout()).isEmpty();
        assertThat(before.heldCold()).isEmpty();
        assertThat(after.acceptWithout()).containsOnlyKeys(1);
        assertThat(after.heldCold()).containsOnlyKeys(2);
        assertThat(after.heldCold().get(2)).containsExactly(s1);
        assertThat(after.newlyPastBound()).containsExactlyInAnyOrder(1, 2);
        assertThat(later.newlyPastBound()).as("reported once").isEmpty();
    }

    @Test
    void anAnswerCountsForTheProcessThatGaveItNotForItsAddress() {
        progress.track(Map.of(1, 7L), Map.of(), 0);
        progress.answered(s1Restarted, Map.of(1, 7L), progress.answersFrom());

        assertThat(progress.decide(Set.of(s1, s1Restarted), 0, BOUND).ready()).isEmpty();
        assertThat(progress.pending(s1)).containsOnlyKeys(1);
        assertThat(progress.pending(s1Restarted)).isEmpty();
    }

    @Test
    void aNewLeaderEpochStartsOverAndAnAnswerForTheOldOneDoesNotCount() {
        progress.track(Map.of(1, 7L), Map.of(1, 7L), 0);
        progress.answered(s1, Map.of(1, 7L), progress.answersFrom());
        progress.track(Map.of(1, 8L), Map.of(1, 7L), 5_000);
        progress.answered(s1, Map.of(1, 7L), progress.answersFrom());

        assertThat(progress.decide(Set.of(s1), 14_999, BOUND).ready()).isEmpty();
        assertThat(progress.decide(Set.of(s1), 15_000, BOUND).heldCold()).as("warm only for leaderEpoch 7").containsOnlyKeys(1);
    }
}
