package io.roster.tools.replication;

import io.roster.client.Publication;
import io.roster.client.RosterClient;
import io.roster.common.model.Datum;
import io.roster.common.model.ProcessId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.roster.tools.replication.DatumChecks.head;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 4, a session dies: once meta expires it, data drops the publishers it owned, except those whose client moved
 * to another session and registered them again there (ARCHITECTURE.md invariant 4).
 */
@Timeout(120)
class SessionDeathTest extends ClusterTestBase {
    private static final int DATA_IDS = 40;

    @Test
    void theDeadSessionsPublishersGoWhileThoseOfAClientThatMovedStay() {
        cluster = clusters.start(3, 2);
        String s0 = cluster.sessionAddress(0);
        String s1 = cluster.sessionAddress(1);
        Registrations regs = new Registrations();
        RosterClient stuck = clients.connect("provider-x", s0);
        RosterClient mover = clients.connect("provider-y", s0 + "," + s1);
        RosterClient watcher = clients.connect("consumer-z", s1);
        assertThat(mover.connectedSession()).isEqualTo(s0);
        regs.subscribeSpread(List.of(watcher), 0, DATA_IDS);
        List<Publication> stuckPubs = new ArrayList<>();
        Map<String, String> moverItems = new HashMap<>();
        for (int i = 0; i < DATA_IDS; i++) {
            stuckPubs.add(regs.publish(stuck, Registrations.dataId(i), "x-" + i));
            Publication y = regs.publish(mover, Registrations.dataId(i), "y-" + i);
            moverItems.put(y.dataInfoId(), "y-" + i);
        }
        await().atMost(ReplicationCluster.SETTLE).untilAsserted(() -> assertThat(head(regs.subscribersBehind())).isEmpty());

        ProcessId dead = cluster.stopSession(0);
        // The mover reconnects to the other session and registers everything again there: from the datum version
        // holding its publisher as the other session's, every later version must hold it too.
        await().atMost(ReplicationCluster.SETTLE).until(() -> mover.isConnected() && s1.equals(mover.connectedSession()));
        ProcessId survivor = cluster.session(1).processId();
        Map<String, Long> movedAt = new HashMap<>();
        await().atMost(ReplicationCluster.SETTLE).untilAsserted(() -> {
            for (String id : moverItems.keySet()) {
                Datum d = cluster.data(cluster.leaderAddressOf(id)).localDatum(id);
                boolean moved = d.publishers().stream()
                        .anyMatch(p -> p.clientId().equals(mover.clientId()) && p.sessionProcessId().equals(survivor));
                assertThat(moved).as(id + " holds the mover's publisher as the surviving session's: " + d.publishers()).isTrue();
                movedAt.put(id, d.version());
            }
        });

        cluster.awaitExpired(dead);
        stuckPubs.forEach(regs::forget);
        cluster.awaitStable();
        await().atMost(ReplicationCluster.SETTLE)
                .untilAsserted(() -> assertThat(head(DatumChecks.holderMismatches(cluster, regs)))
                        .as("copies still holding the dead session's publishers, or lacking the mover's").isEmpty());
        await().atMost(ReplicationCluster.SETTLE).untilAsserted(() -> assertThat(head(regs.subscribersBehind())).isEmpty());

        assertThat(stuck.isConnected()).isFalse();
        List<String> lacking = new ArrayList<>();
        regs.subscriptions().values().forEach(r -> r.deliveriesFrom(0).stream()
                .filter(p -> p.version() >= movedAt.get(r.dataInfoId()) && !p.items().contains(moverItems.get(r.dataInfoId())))
                .forEach(p -> lacking.add(r.dataInfoId() + " v" + p.version() + " (moved at v" + movedAt.get(r.dataInfoId())
                        + "): " + p.items())));
        assertThat(head(lacking)).as("pushes lacking the moved client's publisher once it had registered again").isEmpty();
        Set<String> lastItems = new HashSet<>();
        regs.subscriptions().values().forEach(r -> lastItems.addAll(r.lastItems()));
        assertThat(lastItems).containsExactlyInAnyOrderElementsOf(moverItems.values());
        assertThat(head(regs.versionViolations())).isEmpty();
    }
}
