package io.roster.tools.replication;

import io.roster.client.Publication;
import io.roster.client.RosterClient;
import io.roster.client.RosterRequestException;
import io.roster.common.config.ConfigKeys;
import io.roster.common.wire.ErrorCode;
import io.roster.testkit.CapturedRun;
import io.roster.tools.CapturedCli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Issue 5, limits and the session list from meta: a session refuses a client over session.max-clients (the SDK moves
 * to its next session, carrying the registration) and a registration over session.max-registrations-per-client, each
 * with an error naming the setting, and goes on serving; an SDK client given only meta servers connects to a session
 * meta lists and moves to another one meta lists when its session stops.
 */
@Timeout(120)
class ClientLimitsAndDirectoryTest extends ClusterTestBase {

    @Test
    void capsOnClientsAndRegistrationsAreRefusedByNameAndAFullSessionSendsTheClientOn() {
        cluster = clusters.start(1, 2, Map.of(ConfigKeys.SESSION_MAX_CLIENTS, "2",
                ConfigKeys.SESSION_MAX_REGISTRATIONS_PER_CLIENT, "3"));
        String s0 = cluster.sessionAddress(0), s1 = cluster.sessionAddress(1);
        RosterClient provider = clients.connect("provider", s0);
        RosterClient consumer = clients.connect("consumer", s0);
        String dataId = Registrations.dataId(7);
        SubscriptionRecorder seen = new SubscriptionRecorder(Registrations.canonical(dataId));
        consumer.subscribe(dataId, seen);
        Publication first = provider.publish(dataId, "p-1");
        provider.publish(dataId, "p-2");
        provider.publish(dataId, "p-3");
        assertThatThrownBy(() -> provider.publish(dataId, "p-4"))
                .isInstanceOfSatisfying(RosterRequestException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.LIMIT_EXCEEDED))
                .hasMessageContaining("session.max-registrations-per-client");
        first.republish("p-1b"); // not a new registration
        first.unpublish();
        provider.publish(dataId, "p-4"); // a place was freed

        // s0 has two clients with registrations: a third is sent on to s1, and its publication goes with it.
        RosterClient late = clients.connect("late", s0 + "," + s1);
        late.publish(dataId, "late-1");
        await().atMost(ReplicationCluster.SETTLE).until(() -> s1.equals(late.connectedSession()) && late.isConnected());
        await().atMost(ReplicationCluster.SETTLE).until(() -> seen.lastItems().equals(Set.of("p-1b", "p-2", "p-3", "p-4", "late-1"))
                || seen.lastItems().equals(Set.of("p-2", "p-3", "p-4", "late-1")));
        assertThat(seen.lastItems()).containsExactlyInAnyOrder("p-2", "p-3", "p-4", "late-1");
        assertThat(cluster.session(0).clientCount()).isEqualTo(2);
    }

    @Test
    void aClientGivenOnlyMetaServersConnectsToAListedSessionAndMovesWhenItStops() {
        cluster = clusters.start(1, 2);
        RosterClient viaMeta = RosterClient.builder().metaServers(cluster.metaAddress()).appName("via-meta")
                .connectTimeout(Duration.ofSeconds(10)).reconnectBackoff(Duration.ofMillis(50), Duration.ofMillis(300)).build();
        clients.track(viaMeta);
        String first = viaMeta.connectedSession();
        assertThat(first).isIn(cluster.sessionAddress(0), cluster.sessionAddress(1));
        int firstIndex = first.equals(cluster.sessionAddress(0)) ? 0 : 1;
        String other = cluster.sessionAddress(1 - firstIndex);
        String dataId = Registrations.dataId(8);
        viaMeta.publish(dataId, "via-meta");
        RosterClient watcher = clients.connect("watcher", other);
        SubscriptionRecorder seen = new SubscriptionRecorder(Registrations.canonical(dataId));
        watcher.subscribe(dataId, seen);
        await().atMost(ReplicationCluster.SETTLE).until(() -> seen.lastItems().equals(Set.of("via-meta")));
        int pushesBefore = seen.size();

        cluster.stopSession(firstIndex);
        await().atMost(ReplicationCluster.SETTLE).until(() -> other.equals(viaMeta.connectedSession()) && viaMeta.isConnected());
        viaMeta.publish(dataId, "after-move");
        await().atMost(ReplicationCluster.SETTLE).until(() -> seen.lastItems().equals(Set.of("via-meta", "after-move")));
        assertThat(seen.deliveriesFrom(pushesBefore)).as("the moved client's publisher never left the list")
                .allSatisfy(p -> assertThat(p.items()).contains("via-meta"));

        // `roster sessions` prints what such clients use: the stopped session is gone once meta expired it.
        await().atMost(ReplicationCluster.SETTLE).until(() ->
                CapturedCli.run("sessions", "--meta", cluster.metaAddress()).out().trim().equals(other));
        CapturedRun json = CapturedCli.run("sessions", "--meta", cluster.metaAddress(), "--json");
        assertThat(json.exit()).as(json.toString()).isZero();
        assertThat(json.out()).contains("\"sessions\"", other);
    }
}
