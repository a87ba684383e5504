package io.roster.meta.leader;

import io.roster.meta.image.MetaDelta;
import io.roster.meta.image.MetaImage;
import io.roster.meta.lease.LeaseTracker;
import io.roster.meta.lease.RevisionUseTracker;
import io.roster.meta.slot.ReplicaProgress;
import io.roster.meta.slot.SlotScheduler;
import io.roster.meta.state.MetaRecord;
import io.roster.meta.state.RevisionRegistered;
import io.roster.meta.state.RevisionsCollected;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import static io.roster.meta.image.RevisionFixtures.SHOP_V1;
import static io.roster.meta.image.RevisionFixtures.SHOP_V2;
import static io.roster.meta.image.RevisionFixtures.WAREHOUSE;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The leader's revision collection as a table: the live revisions, when each digest was last touched (reported in
 * use by a session, or registered) on the leader's clock, the leader having taken over at {@code leaderSince}, and
 * the time; out comes the collection of the next entry. A grace of 1000 ms; no nodes, so no other records.
 */
class RevisionCollectionPlanTest {
    private static final long GRACE_MS = 1_000;
    private static final String A = SHOP_V1.digest();
    private static final String B = WAREHOUSE.digest();
    private static final String C = SHOP_V2.digest();

    private final LeaderPlanner planner = new LeaderPlanner(new LeaderOptions(2, 2, 100, 1_000, 16), new SlotScheduler());

    record Row(String name, long leaderSince, Map<String, Long> touchedAt, long now, List<MetaRecord> expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Row> rows() {
        List<MetaRecord> none = List.of();
        return Stream.of(
                new Row("a new leader collects nothing during its first grace, even what nobody ever reported",
                        0, Map.of(), 1_000, none),
                new Row("after one full grace a revision nobody reported or registered is collected",
                        0, Map.of(), 1_001, List.of(new RevisionsCollected(sorted(A, B, C)))),
                new Row("a leader that took over late waits a grace from its own start",
                        5_000, Map.of(), 5_900, none),
                new Row("a revision reported in use within the grace is kept, the others go (sorted, one record)",
                        0, Map.of(A, 1_500L), 2_400, List.of(new RevisionsCollected(sorted(B, C)))),
                new Row("a revision reported exactly one grace ago is kept",
                        0, Map.of(A, 1_000L, B, 1_000L, C, 1_000L), 2_000, none),
                new Row("a revision last reported more than a grace ago is collected",
                        0, Map.of(A, 1_000L, B, 1_900L, C, 1_900L), 2_001, List.of(new RevisionsCollected(List.of(A)))),
                new Row("a registration (of a new or a live digest) counts as a use",
                        0, Map.of(B, 3_000L, C, 3_500L, A, 3_600L), 4_100, List.of(new RevisionsCollected(List.of(B)))),
                new Row("a report of a digest that is not live collects nothing",
                        0, Map.of("0".repeat(32), 0L, A, 900L, B, 900L, C, 900L), 1_500, none));
    }

    private static List<String> sorted(String... digests) {
        return Stream.of(digests).sorted().toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void collectsWhatNoSessionUsedForAGrace(Row row) {
        MetaImage image = MetaDelta.replaying(MetaImage.EMPTY, List.of(new RevisionRegistered(SHOP_V1),
                new RevisionRegistered(WAREHOUSE), new RevisionRegistered(SHOP_V2)), 3).apply().atIndex(3);
        AtomicLong clock = new AtomicLong(row.leaderSince());
        RevisionUseTracker use = new RevisionUseTracker(GRACE_MS, clock::get);
        use.becameLeader();
        row.touchedAt().entrySet().stream().sorted(Map.Entry.comparingByValue()).forEach(e -> {
            clock.set(e.getValue());
            use.touched(e.getKey());
        });
        LeaseTracker leases = new LeaseTracker(60_000, clock::get);

        LeaderPlan plan = planner.next(image, leases, use, planned -> ReplicaProgress.NONE, List.of(), row.now());

        assertThat(plan.records()).containsExactlyElementsOf(row.expected());
    }

    @org.junit.jupiter.api.Test
    void withoutATrackerNothingIsCollected() {
        MetaImage image = MetaDelta.replaying(MetaImage.EMPTY, List.of(new RevisionRegistered(SHOP_V1)), 3).apply();
        AtomicLong clock = new AtomicLong();

        assertThat(planner.next(image, new LeaseTracker(60_000, clock::get), planned -> ReplicaProgress.NONE, List.of(),
                10_000_000).records()).isEmpty();
    }
}
