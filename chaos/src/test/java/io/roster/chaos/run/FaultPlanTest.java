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
        assertThat(FaultKind.parse("all")).hasSize(11);
        assertThat(FaultKind.parse("skew")).containsExactlyInAnyOrder(FaultKind.SKEW_SESSION, FaultKind.SKEW_DATA);
        assertThat(FaultKind.parse("partition")).containsExactlyInAnyOrder(FaultKind.PARTITION_DATA_META,
                FaultKind.PARTITION_META_LEADER, FaultKind.PARTITION_SESSION_DATA);
        assertThat(FaultKind.parse("partition-session-data,skew-data")).containsExactlyInAnyOrder(
                FaultKind.PARTITION_SESSION_DATA, FaultKind.SKEW_DATA);
        assertThat(FaultKind.PARTITION_DATA_META.targetRole()).isEqualTo("data");
        assertThat(FaultKind.PARTITION_DATA_META.peerRole()).isEqualTo("meta");
        assertThat(FaultKind.SKEW_SESSION.peerRole()).isNull();
        assertThat(FaultKind.parse("none")).isEmpty();
        assertThatThrownBy(() -> FaultKind.parse("kill-everything"))
                .hasMessageContaining("unknown fault kind 'kill-everything'").hasMessageContaining("pause-session");
    }

    @Test
    void overlappingPairsAreTolerated() {
        Set<FaultKind> all = EnumSet.allOf(FaultKind.class);
        List<PlannedFault> plan = FaultPlan.generate(3, TEN_MINUTES, all, true);

        List<PlannedFault> pairs = plan.stream().filter(f -> f.second() != null).toList();
        assertThat(pairs).isNotEmpty();
        for (PlannedFault f : pairs) {
            assertThat(FaultPlan.TOLERATED_PAIRS.get(f.kind())).contains(f.second().kind());
            assertThat(f.second().kind().targetRole()).isNotEqualTo(f.kind().targetRole());
            assertThat(f.second().afterMs()).as("the second starts while the first lasts")
                    .isGreaterThan(0).isLessThan(f.durationMs());
        }
        for (int i = 1; i < plan.size(); i++) {
            PlannedFault before = plan.get(i - 1);
            assertThat(plan.get(i).atMs()).isGreaterThanOrEqualTo(before.atMs() + before.spanMs() + FaultPlan.MIN_GAP_MS);
        }
        assertThat(FaultPlan.generate(3, TEN_MINUTES, all, false)).allSatisfy(f -> assertThat(f.second()).isNull());
        // Without a kind that opens a pair, there is nothing to overlap.
        assertThat(FaultPlan.generate(3, TEN_MINUTES, Set.of(FaultKind.SKEW_DATA), true))
                .allSatisfy(f -> assertThat(f.second()).isNull());
    }
}
