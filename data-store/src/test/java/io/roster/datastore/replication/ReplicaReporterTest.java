package io.roster.datastore.replication;

import io.roster.common.model.ReplicaRole;
import io.roster.common.model.Slot;
import io.roster.common.model.SlotReplicaState;
import io.roster.common.model.SlotTable;
import io.roster.datastore.slot.SlotAssignment;
import io.roster.datastore.slot.SlotStates;
import io.roster.datastore.store.InMemorySlotStore;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ReplicaReporterTest {
    private static final String SELF = "127.0.0.1:9621";
    private static final String OTHER = "127.0.0.1:9622";

    @Test
    void reportsEveryHeldSlotALeaderCaughtUpOnlyOnceItAccepts() {
        SlotTable t = new SlotTable(9, List.of(new Slot(0, SELF, List.of(OTHER), 4), new Slot(1, OTHER, List.of(SELF), 8),
                new Slot(2, OTHER, List.of(), 8)));
        SlotAssignment o = new SlotAssignment(t, SELF, 3);
        SlotStates states = new SlotStates();
        states.apply(o, 0);
        ReplicaReporter reporter = new ReplicaReporter(new FollowerCopies(new InMemorySlotStore(), states), states);

        assertThat(reporter.report(o)).as("nothing reconciled or synced yet").containsExactly(
                new SlotReplicaState(0, 4, ReplicaRole.LEADER, false), new SlotReplicaState(1, 8, ReplicaRole.FOLLOWER, false));
        states.accept(0, 4, 0);
        assertThat(reporter.report(o)).contains(new SlotReplicaState(0, 4, ReplicaRole.LEADER, true));
        assertThat(reporter.report(SlotAssignment.none(SELF, 3))).isEmpty();
    }
}
