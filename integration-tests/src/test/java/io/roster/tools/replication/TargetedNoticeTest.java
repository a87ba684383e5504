package io.roster.tools.replication;

import io.roster.client.Publication;
import io.roster.client.RosterClient;
import io.roster.client.Subscription;
import io.roster.common.config.ConfigKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 5, targeted change notices: a data leader notifies only the sessions with subscribers of the datum. Four
 * sessions, one subscriber on the first: every change reaches that session once and the other three never. The
 * periodic version check is set to ten minutes, so nothing in this test is repaired by it: a new slot leader can
 * only learn where to send notices from the session declaring its interest again when the view changes.
 */
@Timeout(120)
class TargetedNoticeTest extends ClusterTestBase {
    private static final int CHANGES = 50;
    private static final String NOTICES_RECEIVED = "session.notices.received";
    private static final String NOTICES_SENT = "data.notices.sent";

    @Test
    void noticesGoOnlyToTheSessionWithSubscribersAndFollowANewLeader() {
        cluster = clusters.start(3, 4, Map.of(ConfigKeys.SESSION_VERSION_CHECK_INTERVAL_MS, "600000"));
        String dataId = Registrations.dataId(1);
        RosterClient consumer = clients.connect("consumer", cluster.sessionAddress(0));
        RosterClient provider = clients.connect("provider", cluster.sessionAddress(3));
        Publication pub = provider.publish(dataId, "v0");
        SubscriptionRecorder seen = new SubscriptionRecorder(Registrations.canonical(dataId));
        Subscription sub = consumer.subscribe(dataId, seen);
        await().atMost(ReplicationCluster.SETTLE).until(() -> seen.lastItems().equals(Set.of("v0")));

        long[] before = received();
        long sentBefore = cluster.dataCounter(NOTICES_SENT);
        for (int i = 1; i <= CHANGES; i++) {
            pub.republish("v" + i);
        }
        await().atMost(ReplicationCluster.SETTLE).until(() -> seen.lastItems().equals(Set.of("v" + CHANGES)));
        await().atMost(ReplicationCluster.SETTLE).until(() -> cluster.dataCounter(NOTICES_SENT) - sentBefore >= CHANGES);
        long[] after = received();
        assertThat(cluster.dataCounter(NOTICES_SENT) - sentBefore).as("notices sent for %d changes", CHANGES)
                .isEqualTo(CHANGES);
        assertThat(after[0] - before[0]).as("notices at the subscriber's session").isEqualTo(CHANGES);
        for (int s = 1; s < 4; s++) {
            assertThat(after[s] - before[s]).as("notices at session %d, which has no subscriber", s).isZero();
        }

        // The slot's leader dies: its successor gets the session's interest when the session sees the new table.
        String leader = cluster.leaderAddressOf(Registrations.canonical(dataId));
        cluster.stopData(leader);
        await().atMost(ReplicationCluster.SETTLE).until(() -> {
            String now = cluster.leaderAddressOf(Registrations.canonical(dataId));
            return !now.isEmpty() && !now.equals(leader);
        });
        cluster.awaitStable();
        pub.republish("after-failover");
        await().atMost(ReplicationCluster.SETTLE).until(() -> seen.lastItems().equals(Set.of("after-failover")));

        // The last subscriber leaves: its session withdraws the interest and gets no more notices.
        sub.unsubscribe();
        await().atMost(ReplicationCluster.SETTLE).until(() -> cluster.dataGauge("data.session.interests") == 0);
        long sentAfterWithdrawal = cluster.dataCounter(NOTICES_SENT);
        pub.republish("unwatched");
        assertThat(cluster.dataCounter(NOTICES_SENT)).isEqualTo(sentAfterWithdrawal);
    }

    private long[] received() {
        long[] out = new long[4];
        for (int s = 0; s < 4; s++) {
            out[s] = cluster.sessionMetrics(s).counter(NOTICES_RECEIVED).getCount();
        }
        return out;
    }
}
