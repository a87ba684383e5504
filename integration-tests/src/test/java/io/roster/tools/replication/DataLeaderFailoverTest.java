package io.roster.tools.replication;

import io.roster.client.RosterClient;
import io.roster.common.model.ProcessId;
import io.roster.common.model.SlotTable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static io.roster.tools.replication.DatumChecks.head;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 4, failover: three data nodes, two copies of every slot, 2,000 publishers over every slot. A data node that
 * leads slots stops; its slots get live leaders with complete copies, and no subscriber ever sees a partial list.
 */
@Timeout(120)
class DataLeaderFailoverTest extends ClusterTestBase {
    private static final int DATA_IDS = 400;
    private static final int PER_DATA_ID = 5;

    @Test
    void aStoppedLeadersSlotsGetLiveLeadersWithCompleteCopiesAndNoSubscriberSeesAPartialList() {
        cluster = clusters.start(3, 2);
        Registrations regs = new Registrations();
        String s0 = cluster.sessionAddress(0);
        String s1 = cluster.sessionAddress(1);
        List<RosterClient> subscribers = List.of(clients.connect("consumer-a", s0), clients.connect("consumer-b", s1));
        List<RosterClient> publishers = List.of(clients.connect("provider-a", s0), clients.connect("provider-b", s1),
                clients.connect("provider-c", s0), clients.connect("provider-d", s1));
        regs.subscribeSpread(subscribers, 0, DATA_IDS);
        regs.publishSpread(publishers, 0, DATA_IDS, PER_DATA_ID, "p");
        assertThat(regs.dataInfoIds().stream().map(cluster::slotOf).collect(Collectors.toSet()))
                .as("the dataIds cover every slot").hasSize(ReplicationCluster.SLOTS);

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(head(regs.subscribersBehind())).isEmpty());
        await().atMost(ReplicationCluster.SETTLE)
                .untilAsserted(() -> assertThat(head(DatumChecks.holderMismatches(cluster, regs))).isEmpty());
        Map<String, Integer> mark = regs.mark();

        String victim = cluster.busiestLeader();
        Set<Integer> victimSlots = ClusterStability.slotsLedBy(cluster.slotTable(), victim);
        assertThat(victimSlots).isNotEmpty();
        ProcessId gone = cluster.stopData(victim);
        cluster.awaitExpired(gone);
        cluster.awaitStable();

        SlotTable table = cluster.slotTable();
        assertThat(ClusterStability.slotsLedBy(table, victim)).isEmpty();
        assertThat(ClusterStability.slotsNotAccepting(cluster)).as("slots without a live leader in ACCEPT").isEmpty();
        // A leader in ACCEPT serves reads: its copy must be complete now, not eventually.
        assertThat(head(DatumChecks.leaderMismatches(cluster, regs))).as("leader copies differing from the live publishers")
                .isEmpty();
        await().atMost(ReplicationCluster.SETTLE)
                .untilAsserted(() -> assertThat(head(DatumChecks.holderMismatches(cluster, regs))).isEmpty());

        await().atMost(ReplicationCluster.SETTLE).untilAsserted(() -> assertThat(head(regs.subscribersBehind())).isEmpty());
        assertThat(head(regs.pushesLacking(mark, regs::expectedItems))).as("partial lists pushed after the failover began")
                .isEmpty();
        assertThat(head(regs.versionViolations())).as("pushes whose version did not rise").isEmpty();
    }
}
