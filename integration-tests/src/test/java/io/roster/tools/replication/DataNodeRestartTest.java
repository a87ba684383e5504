package io.roster.tools.replication;

import io.roster.client.Publication;
import io.roster.client.RosterClient;
import io.roster.common.model.ProcessId;
import io.roster.datastore.DataServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static io.roster.tools.replication.DatumChecks.head;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 4, restart: a data node stopped while the registry keeps changing comes back on the same port, reloads its
 * RocksDB copy, catches up with what changed while it was away, and can then lead the slots of another node.
 */
@Timeout(150)
class DataNodeRestartTest extends ClusterTestBase {
    private static final int DATA_IDS = 100;
    private static final int NEW_DATA_IDS = 20;

    @Test
    void aRestartedDataNodeReloadsItsCopyCatchesUpAndLeadsWithCompleteData() {
        cluster = clusters.start(3, 2);
        Registrations regs = new Registrations();
        String s0 = cluster.sessionAddress(0);
        String s1 = cluster.sessionAddress(1);
        List<RosterClient> subscribers = List.of(clients.connect("consumer-a", s0), clients.connect("consumer-b", s1));
        List<RosterClient> publishers = List.of(clients.connect("provider-a", s0), clients.connect("provider-b", s1));
        regs.subscribeSpread(subscribers, 0, DATA_IDS + NEW_DATA_IDS);
        List<Publication> first = regs.publishSpread(publishers, 0, DATA_IDS, 4, "a");
        awaitSubscribersAndCopies(regs);

        // Stop a node holding copies, and remember what it held.
        String victim = cluster.liveDataAddresses().get(1);
        DataServer before = cluster.data(victim);
        long publishersHeld = before.publisherCount();
        long datumsHeld = before.datumCount();
        assertThat(publishersHeld).isPositive();
        ProcessId gone = cluster.stopData(victim);
        cluster.awaitExpired(gone);
        cluster.awaitStable();

        // While it is away: a quarter of the publishers go, one more per dataId comes, and new dataIds appear.
        for (int i = 0; i < first.size(); i += 4) {
            regs.unpublish(first.get(i));
        }
        regs.publishSpread(publishers, 0, DATA_IDS, 1, "b");
        regs.publishSpread(publishers, DATA_IDS, NEW_DATA_IDS, 2, "c");
        awaitSubscribersAndCopies(regs);

        DataServer back = cluster.restartData(victim);
        assertThat(back.loadReport().publishers()).as("publishers reloaded from RocksDB").isEqualTo(publishersHeld);
        assertThat(back.loadReport().datums()).as("datums reloaded from RocksDB").isEqualTo(datumsHeld);
        cluster.awaitBalanced();
        assertThat(back.isReady()).isTrue();
        Set<String> compared = new TreeSet<>();
        assertThat(head(DatumChecks.copiesDifferingFromLeader(cluster, back, regs, compared)))
                .as("copies on the restarted node that differ from their leader's").isEmpty();
        assertThat(compared).as("dataIds of slots the restarted node holds").isNotEmpty();
        assertThat(head(DatumChecks.holderMismatches(cluster, regs))).isEmpty();

        // Another node stops: the restarted node now leads more slots, and reads through it are complete.
        Map<String, Integer> mark = regs.mark();
        String other = cluster.liveDataAddresses().stream().filter(a -> !a.equals(victim)).findFirst().orElseThrow();
        ProcessId otherGone = cluster.stopData(other);
        cluster.awaitExpired(otherGone);
        cluster.awaitStable();
        assertThat(ClusterStability.slotsLedBy(cluster.slotTable(), victim)).as("slots the restarted node leads").isNotEmpty();
        assertThat(ClusterStability.slotsNotAccepting(cluster)).isEmpty();
        assertThat(head(DatumChecks.leaderMismatches(cluster, regs))).isEmpty();

        RosterClient late = clients.connect("consumer-late", s1);
        Map<String, SubscriptionRecorder> lateRecorders = new HashMap<>();
        for (String id : regs.dataInfoIds()) {
            SubscriptionRecorder r = new SubscriptionRecorder(id);
            lateRecorders.put(id, r);
            late.subscribe(id, r);
        }
        await().atMost(ReplicationCluster.SETTLE).until(() -> lateRecorders.values().stream().allMatch(r -> r.size() > 0));
        List<String> incompleteFirstPushes = new ArrayList<>();
        lateRecorders.values().forEach(r -> {
            SubscriptionRecorder.Delivery p = r.deliveriesFrom(0).get(0);
            if (!p.items().equals(regs.expectedItems(r.dataInfoId()))) {
                incompleteFirstPushes.add(r.dataInfoId() + " v" + p.version() + ": " + p.items().size() + " items, expected "
                        + regs.expectedItems(r.dataInfoId()).size());
            }
        });
        assertThat(head(incompleteFirstPushes)).as("first pushes to a new subscriber that were not the full list").isEmpty();

        await().atMost(ReplicationCluster.SETTLE).untilAsserted(() -> assertThat(head(regs.subscribersBehind())).isEmpty());
        assertThat(head(regs.pushesLacking(mark, regs::expectedItems))).isEmpty();
        assertThat(head(regs.versionViolations())).isEmpty();
    }

    private void awaitSubscribersAndCopies(Registrations regs) {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(head(regs.subscribersBehind())).isEmpty());
        await().atMost(ReplicationCluster.SETTLE)
                .untilAsserted(() -> assertThat(head(DatumChecks.holderMismatches(cluster, regs))).isEmpty());
    }
}
