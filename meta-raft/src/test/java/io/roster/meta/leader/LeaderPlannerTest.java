package io.roster.meta.leader;

import io.roster.common.model.NodeInfo;
import io.roster.common.model.NodeRole;
import io.roster.common.model.ProcessId;
import io.roster.common.model.Slot;
import io.roster.common.model.SlotTable;
import io.roster.common.model.Switch;
import io.roster.meta.image.MetaDelta;
import io.roster.meta.image.MetaImage;
import io.roster.meta.lease.LeaseTracker;
import io.roster.meta.slot.ReplicaProgress;
import io.roster.meta.slot.SlotScheduler;
import io.roster.meta.state.MetaRecord;
import io.roster.meta.state.NodeExpired;
import io.roster.meta.state.NodeJoined;
import io.roster.meta.state.SlotTableChanged;
import io.roster.meta.state.SwitchChanged;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The leader's decisions as a table: an image, the leases (when each address was last heard, the leader having
 * taken over at time 0), the replica reports, the joins waiting and the time; out come the records of the next
 * entry. Two slots, two replicas, a lease of 500 ms.
 */
class LeaderPlannerTest {
    private static final long LEASE_MS = 500;
    private static final NodeInfo D1 = node(NodeRole.DATA, "127.0.0.1:9621", 1);
    private static final NodeInfo D1_RESTARTED = node(NodeRole.DATA, "127.0.0.1:9621", 2);
    private static final NodeInfo D2 = node(NodeRole.DATA, "127.0.0.1:9622", 1);
    private static final NodeInfo S = node(NodeRole.SESSION, "127.0.0.1:9601", 1);
    private static final String A1 = D1.address();
    private static final String A2 = D2.address();

    /** D1 leads both slots, alone. */
    private static final SlotTable T1 = new SlotTable(1, List.of(new Slot(0, A1, List.of(), 1), new Slot(1, A1, List.of(), 1)));
    /** D2 holds a follower copy of both. */
    private static final SlotTable T2 = new SlotTable(2, List.of(new Slot(0, A1, List.of(A2), 1), new Slot(1, A1, List.of(A2), 1)));

    private final LeaderPlanner planner = new LeaderPlanner(new LeaderOptions(2, 2, 100, 1_000, 16), new SlotScheduler());

    record Row(String name, MetaImage image, Map<String, Long> heardAt, long now, List<NodeInfo> joins,
               ReplicaProgress progress, List<MetaRecord> expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Row> rows() {
        MetaImage d1 = image(new NodeJoined(D1), new SlotTableChanged(T1));
        MetaImage d1AndSession = image(new NodeJoined(D1), new NodeJoined(S), new SlotTableChanged(T1));
        MetaImage d1AndD2 = image(new NodeJoined(D1), new NodeJoined(D2), new SlotTableChanged(T1), new SlotTableChanged(T2));
        ReplicaProgress none = ReplicaProgress.NONE;
        ReplicaProgress all = ReplicaProgress.ALL_CAUGHT_UP;
        return Stream.of(
                new Row("a data node joining an empty cluster is admitted with the table that places it",
                        MetaImage.EMPTY, Map.of(), 0, List.of(D1), none,
                        List.of(new NodeJoined(D1), new SlotTableChanged(T1))),
                new Row("a session node is admitted; the table stays",
                        d1, Map.of(), 0, List.of(S), none, List.of(new NodeJoined(S))),
                new Row("a process already live joins again: nothing to write",
                        d1, Map.of(), 0, List.of(D1), none, List.of()),
                new Row("a second data node gets a follower copy of every slot, leading none yet",
                        d1, Map.of(), 0, List.of(D2), none, List.of(new NodeJoined(D2), new SlotTableChanged(T2))),
                new Row("a restarted data node replaces its process and keeps its slots (no follower) under a new leaderEpoch",
                        d1, Map.of(), 0, List.of(D1_RESTARTED), all, List.of(new NodeJoined(D1_RESTARTED),
                                new SlotTableChanged(new SlotTable(2, List.of(new Slot(0, A1, List.of(), 2), new Slot(1, A1, List.of(), 2)))))),
                new Row("a node silent for longer than its lease expires",
                        d1AndSession, Map.of(A1, 400L, S.address(), 0L), 501, List.of(), none, List.of(new NodeExpired(S))),
                new Row("a node silent for exactly its lease is kept",
                        d1AndSession, Map.of(A1, 400L, S.address(), 0L), 500, List.of(), none, List.of()),
                new Row("a node never heard counts from the leader's start: kept for one lease",
                        d1AndSession, Map.of(), 500, List.of(), none, List.of()),
                new Row("the last data node expires: its slots have no leader, under a new leaderEpoch",
                        d1, Map.of(), 501, List.of(), none, List.of(new NodeExpired(D1),
                                new SlotTableChanged(new SlotTable(2, List.of(new Slot(0, "", List.of(), 2), new Slot(1, "", List.of(), 2)))))),
                new Row("a dead leader's slots go to its follower at once, caught up or not",
                        d1AndD2, Map.of(A2, 400L), 501, List.of(), none, List.of(new NodeExpired(D1),
                                new SlotTableChanged(new SlotTable(3, List.of(new Slot(0, A2, List.of(), 3), new Slot(1, A2, List.of(), 3)))))),
                new Row("a joining process is not expired in the entry that admits it",
                        d1, Map.of(), 501, List.of(D1_RESTARTED), all, List.of(new NodeJoined(D1_RESTARTED),
                                new SlotTableChanged(new SlotTable(2, List.of(new Slot(0, A1, List.of(), 2), new Slot(1, A1, List.of(), 2)))))),
                new Row("a follower that caught up takes over a slot to balance the leaders",
                        d1AndD2, Map.of(), 0, List.of(), all, List.of(new SlotTableChanged(new SlotTable(3, List.of(
                                new Slot(0, A2, List.of(A1), 3), new Slot(1, A1, List.of(A2), 1)))))),
                new Row("followers that have not caught up take over nothing",
                        d1AndD2, Map.of(), 0, List.of(), none, List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void plansTheNextEntry(Row row) {
        AtomicLong clock = new AtomicLong();
        LeaseTracker leases = new LeaseTracker(LEASE_MS, clock::get);
        row.heardAt().forEach((address, at) -> {
            clock.set(at);
            leases.heard(address);
        });

        LeaderPlan plan = planner.next(row.image(), leases, planned -> row.progress(), row.joins(), row.now());

        assertThat(plan.records()).as("planned %s", describe(plan.records())).containsExactlyElementsOf(row.expected());
        assertThat(plan.before()).isSameAs(row.image());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void plansAreFixedPoints(Row row) {
        // what the entry produces, planned again with the same inputs, needs no further change but expiries
        MetaImage after = MetaDelta.replaying(row.image(), row.expected()).apply();
        AtomicLong clock = new AtomicLong(row.now());
        LeaseTracker leases = new LeaseTracker(LEASE_MS, clock::get);

        LeaderPlan again = planner.next(after, leases, planned -> row.progress(), row.joins(), row.now());

        assertThat(again.records()).noneMatch(r -> r instanceof NodeJoined);
        assertThat(again.changesTable()).as("table planned from %s", after).isFalse();
    }

    @org.junit.jupiter.api.Test
    void aSwitchChangeTravelsWithTheTableItsImageCallsFor() {
        MetaImage d1 = image(new NodeJoined(D1), new SlotTableChanged(T1));
        MetaImage unplaced = image(new NodeJoined(D1));

        assertThat(planner.withTable(d1, List.of(new SwitchChanged(Switch.PUSH, false)), planned -> ReplicaProgress.NONE)
                .records()).containsExactly(new SwitchChanged(Switch.PUSH, false));
        assertThat(planner.withTable(unplaced, List.of(new SwitchChanged(Switch.PUSH, false)), planned -> ReplicaProgress.NONE)
                .records()).containsExactly(new SwitchChanged(Switch.PUSH, false), new SlotTableChanged(T1));
    }

    private static List<String> describe(List<MetaRecord> records) {
        return records.stream().map(r -> r instanceof SlotTableChanged t ? "table " + t.table().epoch() + " " + t.table().slots()
                : r.toString()).toList();
    }

    private static MetaImage image(MetaRecord... records) {
        return MetaDelta.replaying(MetaImage.EMPTY, List.of(records)).apply();
    }

    private static NodeInfo node(NodeRole role, String address, long start) {
        return new NodeInfo(role, address, new ProcessId(address, start, 7));
    }
}
