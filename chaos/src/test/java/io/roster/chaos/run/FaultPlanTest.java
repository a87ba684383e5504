package io.roster.chaos.run;

import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FaultPlanTest {
    private static final long TEN_MINUTES = 600_000;

    @Test
    void theSameSeedGivesTheSameScheduleAndAnotherSeedAnother() {
        Set<FaultKind> all = EnumSet.allOf(FaultKind.class);
        assertThat(FaultPlan.generate(7, TEN_MINUTES, all)).isEqualTo(FaultPlan.generate(7, TEN_MINUTES, all));
        assertThat(FaultPlan.generate(7, TEN_MINUTES, all)).isNotEqualTo(FaultPlan.generate(8, TEN_MINUTES, all));
    }

    @Test
    void faultsComeOneAtATimeWithinTheRunAndEveryKindComes() {
        List<PlannedFault> plan = FaultPlan.generate(3, TEN_MINUTES, EnumSet.allOf(FaultKind.class));
        for (int i = 1; i < plan.size(); i++) {
            PlannedFault before = plan.get(i - 1);
            assertThat(plan.get(i).atMs()).as("fault %d starts after fault %d ended plus a gap", i, i - 1)
                    .isGreaterThanOrEqualTo(before.atMs() + before.durationMs() + FaultPlan.MIN_GAP_MS);
        }
        assertThat(plan).allSatisfy(f -> assertThat(f.atMs() + f.durationMs()).isLessThanOrEqualTo(TEN_MINUTES));
        assertThat(plan.stream().map(PlannedFault::kind).collect(Collectors.toSet())).containsExactlyInAnyOrder(FaultKind.values());
        assertThat(FaultPlan.generate(3, TEN_MINUTES, Set.of())).isEmpty();
    }

    @Test
    void faultKindsParseByNameAndGroupAndUnknownOnesAreNamed() {
        assertThat(FaultKind.parse("kill-data,pause-meta")).containsExactlyInAnyOrder(FaultKind.KILL_DATA, FaultKind.PAUSE_META);
        assertThat(FaultKind.parse("pause")).containsExactlyInAnyOrder(FaultKind.PAUSE_DATA, FaultKind.PAUSE_SESSION, FaultKind.PAUSE_META);
        assertThat(FaultKind.parse("all")).hasSize(6);
        assertThat(FaultKind.parse("none")).isEmpty();
        assertThatThrownBy(() -> FaultKind.parse("kill-everything"))
                .hasMessageContaining("unknown fault kind 'kill-everything'").hasMessageContaining("pause-session");
    }
}
