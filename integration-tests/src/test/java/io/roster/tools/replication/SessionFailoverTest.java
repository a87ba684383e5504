package io.roster.tools.replication;

import io.roster.client.RosterClient;
import io.roster.common.model.ProcessId;
import io.roster.common.model.Publisher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.roster.tools.replication.DatumChecks.head;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 5, client failover: two sessions, clients on both, a subscriber on each. One session stops abruptly; its
 * clients move to the other and replay. Their publishers are in every push of every subscriber throughout (no flap),
 * and the moved subscriber gets the latest data after reconnecting.
 */
@Timeout(120)
class SessionFailoverTest extends ClusterTestBase {
    private static final int DATA_IDS = 20;

    @Test
    void clientsOfAStoppedSessionMoveAndTheirPublishersNeverLeaveAnyList() {
        cluster = clusters.start(2, 2);
        String s0 = cluster.sessionAddress(0);
        String s1 = cluster.sessionAddress(1);
        Registrations regs = new Registrations();
        RosterClient movingProvider = clients.connect("provider-a", s0 + "," + s1);
        RosterClient stayingProvider = clients.connect("provider-b", s1 + "," + s0);
        RosterClient movingConsumer = clients.connect("consumer-a", s0 + "," + s1);
        RosterClient stayingConsumer = clients.connect("consumer-b", s1 + "," + s0);
        assertThat(movingProvider.connectedSession()).isEqualTo(s0);
        assertThat(movingConsumer.connectedSession()).isEqualTo(s0);
        List<SubscriptionRecorder> recorders = new ArrayList<>();
        for (int i = 0; i < DATA_IDS; i++) {
            String dataId = Registrations.dataId(i);
            regs.publish(movingProvider, dataId, "a-" + i);
            regs.publish(stayingProvider, dataId, "b-" + i);
            recorders.add(regs.subscribe(i % 2 == 0 ? movingConsumer : stayingConsumer, dataId));
        }
        await().atMost(ReplicationCluster.SETTLE).untilAsserted(() -> assertThat(head(regs.subscribersBehind())).isEmpty());
        Map<String, Integer> mark = regs.mark();
        Map<String, Set<String>> pinned = new java.util.HashMap<>();
        regs.dataInfoIds().forEach(id -> pinned.put(id, Set.copyOf(regs.expectedItems(id))));

        cluster.stopSession(0);
        await().atMost(ReplicationCluster.SETTLE).until(() -> movingProvider.isConnected() && s1.equals(movingProvider.connectedSession())
                && movingConsumer.isConnected() && s1.equals(movingConsumer.connectedSession()));
        // A change after the move reaches the moved subscriber, through the session it moved to.
        regs.publish(movingProvider, Registrations.dataId(0), "a-0-after");

        await().atMost(ReplicationCluster.SETTLE).untilAsserted(() -> assertThat(head(regs.subscribersBehind())).isEmpty());
        assertThat(head(regs.pushesLacking(mark, pinned::get)))
                .as("pushes that lacked a publisher of a client that only moved").isEmpty();
        assertThat(head(regs.versionViolations())).isEmpty();
        assertThat(recorders.get(0).lastItems()).contains("a-0-after", "b-0");
        // Data holds the moved client's publishers through the session it moved to, as sent on its second connection.
        ProcessId movedTo = cluster.session(1).processId();
        await().atMost(ReplicationCluster.SETTLE).untilAsserted(() -> {
            for (String id : regs.dataInfoIds()) {
                List<Publisher> held = cluster.data(cluster.leaderAddressOf(id)).localDatum(id).publishers();
                assertThat(held).filteredOn(p -> p.clientId().equals(movingProvider.clientId())).isNotEmpty()
                        .allSatisfy(p -> assertThat(List.of(p.sessionProcessId(), p.connectionGeneration())).isEqualTo(List.of(movedTo, 2L)));
                assertThat(held).filteredOn(p -> p.clientId().equals(stayingProvider.clientId())).isNotEmpty()
                        .allSatisfy(p -> assertThat(p.connectionGeneration()).isEqualTo(1));
            }
        });
    }
}
