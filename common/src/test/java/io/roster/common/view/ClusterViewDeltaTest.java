package io.roster.common.view;

import io.roster.common.model.NodeInfo;
import io.roster.common.model.NodeRole;
import io.roster.common.model.ProcessId;
import io.roster.common.model.Slot;
import io.roster.common.model.SlotTable;
import io.roster.common.model.Switch;
import io.roster.common.model.Switches;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ClusterViewDeltaTest {
    private static final NodeInfo DATA_A = node(NodeRole.DATA, "10.0.0.1:9620", 1);
    private static final NodeInfo DATA_B = node(NodeRole.DATA, "10.0.0.2:9620", 2);
    private static final NodeInfo SESSION_1 = node(NodeRole.SESSION, "10.0.1.1:9600", 3);
    private static final NodeInfo SESSION_2 = node(NodeRole.SESSION, "10.0.1.2:9600", 4);

    @Test
    void aSessionListedAndThenNotIsExpiredAndANewOneIsNew() {
        ClusterView one = view(1, table(1, "a", "b"), List.of(SESSION_1), Switches.DEFAULTS, 10);
        ClusterView two = view(1, table(1, "a", "b"), List.of(SESSION_2), Switches.DEFAULTS, 11);

        ClusterViewDelta delta = ClusterViewDelta.between(one, two);

        assertThat(delta.expiredSessions()).containsExactly(SESSION_1.processId());
        assertThat(delta.newSessions()).containsExactly(SESSION_2.processId());
        assertThat(delta.slotChanges()).isEmpty();
        assertThat(delta.slotTableChanged()).isFalse();
    }

    @Test
    void aSessionNeverListedIsNeverExpired() {
        ClusterViewDelta first = ClusterViewDelta.first(view(1, table(1, "a"), List.of(), Switches.DEFAULTS, 3));
        assertThat(first.expiredSessions()).isEmpty();
        assertThat(first.newSessions()).isEmpty();
    }

    @Test
    void aProcessExpiresOnceWhenItLeavesTheListAfterBeingListed() {
        ProcessId a = new ProcessId("127.0.0.1:9601", 1, 1);
        ProcessId b = new ProcessId("127.0.0.1:9602", 2, 2);
        ProcessId aRestarted = new ProcessId("127.0.0.1:9601", 3, 3); // same address, another process
        ClusterView one = sessionsListed(1, a, b);
        ClusterView two = sessionsListed(2, b, aRestarted);
        ClusterView three = sessionsListed(3, b, aRestarted);
        ClusterView four = sessionsListed(4);

        assertThat(ClusterViewDelta.first(one).expiredSessions()).isEmpty();
        assertThat(ClusterViewDelta.between(one, two).expiredSessions()).containsExactly(a);
        assertThat(ClusterViewDelta.between(one, two).newSessions()).containsExactly(aRestarted);
        assertThat(ClusterViewDelta.between(two, three).expiredSessions()).isEmpty();
        assertThat(ClusterViewDelta.between(three, four).expiredSessions()).containsExactlyInAnyOrder(b, aRestarted);
    }

    @Test
    void aProcessListedOnlyLaterExpiresOnlyOnceItLeavesTheList() {
        ProcessId b = SESSION_2.processId();
        ClusterView none = sessionsListed(1);
        ClusterView withB = sessionsListed(2, b);
        ClusterView noneAgain = sessionsListed(3);

        assertThat(ClusterViewDelta.first(none).expiredSessions()).isEmpty();
        assertThat(ClusterViewDelta.between(none, withB).expiredSessions()).isEmpty();
        assertThat(ClusterViewDelta.between(none, withB).newSessions()).containsExactly(b);
        assertThat(ClusterViewDelta.between(withB, noneAgain).expiredSessions()).containsExactly(b);
    }

    @Test
    void slotChangesNameTheSlotsWhoseOwnersMoved() {
        ClusterView one = view(1, table(1, "a", "b"), List.of(), Switches.DEFAULTS, 1);
        ClusterView two = view(2, table(2, "a", "a"), List.of(), Switches.DEFAULTS, 2);

        ClusterViewDelta delta = ClusterViewDelta.between(one, two);

        assertThat(delta.slotTableChanged()).isTrue();
        assertThat(delta.slotChanges()).extracting(ClusterViewDelta.SlotChange::slotId).containsExactly(1);
        ClusterViewDelta.SlotChange change = delta.slotChanges().get(0);
        assertThat(change.becameLeader("a")).isTrue();
        assertThat(change.lostLeadership("b")).isTrue();
        assertThat(change.leaderChanged()).isTrue();
    }

    @Test
    void aNewLeaderEpochForTheSameLeaderCountsAsBecomingLeaderAgain() {
        ClusterView one = view(1, new SlotTable(1, List.of(new Slot(0, "a", List.of(), 5))), List.of(), Switches.DEFAULTS, 1);
        ClusterView two = view(2, new SlotTable(2, List.of(new Slot(0, "a", List.of(), 6))), List.of(), Switches.DEFAULTS, 2);

        ClusterViewDelta.SlotChange change = ClusterViewDelta.between(one, two).slotChanges().get(0);

        assertThat(change.becameLeader("a")).isTrue();
        assertThat(change.lostLeadership("a")).isFalse();
    }

    @Test
    void switchFlipsAreReportedByDirection() {
        ClusterView on = view(1, SlotTable.EMPTY, List.of(), Switches.DEFAULTS, 1);
        ClusterView off = view(1, SlotTable.EMPTY, List.of(), Switches.DEFAULTS.with(Switch.PUSH, false), 2);

        assertThat(ClusterViewDelta.between(on, off).turnedOff(Switch.PUSH)).isTrue();
        assertThat(ClusterViewDelta.between(off, on).turnedOn(Switch.PUSH)).isTrue();
        assertThat(ClusterViewDelta.between(on, on).flipped(Switch.PUSH)).isFalse();
        assertThat(ClusterViewDelta.between(on, on).isEmpty()).isTrue();
    }

    @Test
    void dataNodesThatCameAndWent() {
        ClusterView one = new ClusterView(SlotTable.EMPTY, List.of(DATA_A), List.of(), Switches.DEFAULTS, 1);
        ClusterView two = new ClusterView(SlotTable.EMPTY, List.of(DATA_B), List.of(), Switches.DEFAULTS, 2);

        ClusterViewDelta delta = ClusterViewDelta.between(one, two);

        assertThat(delta.addedDataNodes()).containsExactly(DATA_B);
        assertThat(delta.removedDataNodes()).containsExactly(DATA_A);
    }

    private static ClusterView view(long epoch, SlotTable table, List<NodeInfo> sessions, Switches switches, long metaVersion) {
        return new ClusterView(table, List.of(DATA_A), sessions, switches, metaVersion);
    }

    /** A view at {@code metaVersion} listing exactly these session processes. */
    private static ClusterView sessionsListed(long metaVersion, ProcessId... sessions) {
        List<NodeInfo> nodes = java.util.Arrays.stream(sessions).map(p -> new NodeInfo(NodeRole.SESSION, p.address(), p)).toList();
        return view(1, SlotTable.EMPTY, nodes, Switches.DEFAULTS, metaVersion);
    }

    /** Slot i led by leaders[i] at leaderEpoch 1, in a table of the given epoch. */
    private static SlotTable table(long epoch, String... leaders) {
        List<Slot> slots = new java.util.ArrayList<>();
        for (int i = 0; i < leaders.length; i++) {
            slots.add(new Slot(i, leaders[i], List.of(), 1));
        }
        return new SlotTable(epoch, slots);
    }

    private static NodeInfo node(NodeRole role, String address, long pid) {
        return new NodeInfo(role, address, new ProcessId(address, 1_000, pid));
    }
}
