package io.roster.tools.cluster;

import io.roster.common.model.NodeInfo;
import io.roster.common.model.NodeRole;
import io.roster.common.model.ProcessId;
import io.roster.common.model.Slot;
import io.roster.common.model.SlotTable;
import io.roster.common.wire.ClusterStatusReply;
import io.roster.common.wire.ErrorCode;
import io.roster.common.wire.NodeStatus;
import io.roster.tools.bench.stats.Samples;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The pure checks behind start, restart and the failover benchmark. */
class ClusterHealthTest {
    private static final String A = "127.0.0.1:1001";
    private static final String B = "127.0.0.1:1002";

    private static SlotTable table(String... leaders) {
        List<Slot> slots = new java.util.ArrayList<>();
        for (int i = 0; i < leaders.length; i++) {
            slots.add(new Slot(i, leaders[i], leaders[i].equals(A) ? List.of(B) : List.of(A), 1));
        }
        return new SlotTable(1, slots);
    }

    @Test
    void aDataFailoverIsOverWhenEverySlotHasALeaderOtherThanTheKilledNode() {
        assertThat(ClusterHealth.noSlotLedBy(table(A, B), A)).isFalse();
        assertThat(ClusterHealth.noSlotLedBy(table(B, ""), A)).as("a slot without a leader").isFalse();
        assertThat(ClusterHealth.noSlotLedBy(table(B, B), A)).isTrue();
        assertThat(ClusterHealth.noSlotLedBy(SlotTable.EMPTY, A)).isFalse();
        assertThat(ClusterHealth.noSlotLedBy(null, A)).isFalse();
    }

    @Test
    void everySlotLedByLiveNodesAndReplicas() {
        assertThat(ClusterHealth.everySlotLedBy(table(A, B), List.of(A, B))).isTrue();
        assertThat(ClusterHealth.everySlotLedBy(table(A, B), List.of(B))).isFalse();
        assertThat(ClusterHealth.everySlotLedBy(SlotTable.EMPTY, List.of(A))).isFalse();
        assertThat(ClusterHealth.holdsReplicas(table(B, B), A)).as("a follower everywhere").isTrue();
        assertThat(ClusterHealth.holdsReplicas(table(B, B), "127.0.0.1:9")).isFalse();
    }

    @Test
    void aNodeCountsAsBackOnlyAsTheRunThatWasLaunched() {
        NodeInfo oldRun = new NodeInfo(NodeRole.DATA, A, new ProcessId(A, 1, 100));
        ClusterStatusReply reply = new ClusterStatusReply(ErrorCode.OK, "", "m", List.of("m"),
                List.of(new NodeStatus(oldRun, 10, 0, 0, 0)), SlotTable.EMPTY);
        NodeName data1 = new NodeName(NodeRole.DATA, 1);
        NodeName session1 = new NodeName(NodeRole.SESSION, 1);

        assertThat(ClusterHealth.notListed(reply, List.of(new ClusterHealth.Expected(data1, A, 100)))).isEmpty();
        assertThat(ClusterHealth.notListed(reply, List.of(new ClusterHealth.Expected(data1, A, ClusterHealth.Expected.ANY_PID)))).isEmpty();
        assertThat(ClusterHealth.notListed(reply, List.of(new ClusterHealth.Expected(data1, A, 200)))).containsExactly(data1);
        assertThat(ClusterHealth.notListed(reply, List.of(new ClusterHealth.Expected(session1, A, 100)))).containsExactly(session1);
    }

    @Test
    void medianOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
        Samples odd = new Samples(List.of(Duration.ofMillis(30), Duration.ofMillis(10), Duration.ofMillis(20)));
        assertThat(odd.median()).isEqualTo(Duration.ofMillis(20));
        assertThat(odd.max()).isEqualTo(Duration.ofMillis(30));
        Samples even = new Samples(List.of(Duration.ofMillis(40), Duration.ofMillis(10), Duration.ofMillis(20), Duration.ofMillis(30)));
        assertThat(even.median()).isEqualTo(Duration.ofMillis(25));
        assertThat(even.min()).isEqualTo(Duration.ofMillis(10));
    }
}
