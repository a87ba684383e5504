package io.roster.meta;

import io.roster.common.config.RosterConfig;
import io.roster.testkit.MetaConfigs;
import io.roster.common.config.ConfigKeys;
import io.roster.common.model.NodeRole;
import io.roster.common.model.Slot;
import io.roster.common.model.SlotTable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The meta leader tells data and session nodes of each new slot table with a oneway ClusterChangedNotice, so they
 * need not wait for their next heartbeat. The nodes here listen on their addresses and heartbeat only when told:
 * a table they hear of without beating came by a notice.
 */
@Timeout(90)
class ClusterChangeNoticeTest {
    private static final int SLOTS = 16;
    /** Nothing expires while the nodes stay silent. */
    private static final int LEASE_MS = 60_000;
    private static final Duration NOTICE_WAIT = Duration.ofSeconds(5);

    @TempDir
    Path dataDir;

    private final List<MetaServer> metas = new ArrayList<>();
    private final List<String> peers = new ArrayList<>();
    private final List<ListeningNode> nodes = new ArrayList<>();
    /** Per meta address, the newest slot-table epoch its state listeners were called with. */
    private final Map<String, Long> appliedEpochs = new ConcurrentHashMap<>();

    @AfterEach
    void tearDown() {
        nodes.forEach(ListeningNode::close);
        metas.forEach(MetaServer::close);
    }

    @Test
    void theLeaderTellsDataAndSessionNodesOfANewTableWithoutWaitingForTheirHeartbeat() {
        startMetas(1);
        MetaServer meta = leader();
        ListeningNode a = node(NodeRole.DATA);
        ListeningNode session = node(NodeRole.SESSION);
        beatUntilPlaced(a);
        session.beat();

        // b joins: the table gives it follower copies; a and the session hear of it without a heartbeat
        ListeningNode b = node(NodeRole.DATA);
        SlotTable copies = beatUntilPlaced(b);
        assertThat(copies.slots()).allSatisfy(s -> assertThat(s.leader()).isEqualTo(a.address()));
        awaitNotice(copies.epoch(), a, session, b);

        // b reports its copies caught up: meta hands it leaderships, and b learns it leads without beating again
        b.beat();
        await().atMost(Duration.ofSeconds(10)).until(() -> meta.state().slotTable().leaderCounts().containsKey(b.address()));
        SlotTable promoted = meta.state().slotTable();
        awaitNotice(promoted.epoch(), b, a, session);
        assertThat(meta.announcedEpoch()).isGreaterThanOrEqualTo(promoted.epoch());
    }

    @Test
    void onlyTheLeaderSendsNotices() {
        startMetas(3);
        ListeningNode a = node(NodeRole.DATA);
        beatUntilPlaced(a);
        ListeningNode b = node(NodeRole.DATA);
        long epoch = beatUntilPlaced(b).epoch();

        awaitNotice(epoch, a, b);
        // every meta's notifier runs before the test's listener, so once every meta applied this table each has
        // decided whether to announce it
        await().atMost(Duration.ofSeconds(10)).until(() -> metas.stream()
                .allMatch(m -> appliedEpochs.getOrDefault(m.address(), 0L) >= epoch));
        MetaServer leader = leader();
        assertThat(leader.announcedEpoch()).isGreaterThanOrEqualTo(epoch);
        assertThat(metas).filteredOn(m -> m != leader).hasSize(2)
                .allSatisfy(m -> assertThat(m.announcedEpoch()).as("follower %s", m.address()).isZero());
        assertThat(a.notices()).as("one notice per table, from the leader alone").doesNotHaveDuplicates();
        assertThat(b.notices()).doesNotHaveDuplicates();
    }

    private void awaitNotice(long epoch, ListeningNode... listeners) {
        for (ListeningNode n : listeners) {
            await().atMost(NOTICE_WAIT).untilAsserted(() -> assertThat(n.notices()).as("notices to %s", n.address()).contains(epoch));
        }
    }

    /** Heartbeats {@code n} until a table places it (a join reply may come before its admission is applied). */
    private static SlotTable beatUntilPlaced(ListeningNode n) {
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            n.beat();
            return n.table().slots().stream().anyMatch(s -> holds(s, n.address()));
        });
        return n.table();
    }

    private static boolean holds(Slot s, String address) {
        return s.leader().equals(address) || s.followers().contains(address);
    }

    private ListeningNode node(NodeRole role) {
        ListeningNode n = new ListeningNode(role, peers);
        nodes.add(n);
        return n;
    }

    private MetaServer leader() {
        await().atMost(Duration.ofSeconds(20)).until(() -> metas.stream().anyMatch(MetaServer::isLeader));
        return metas.stream().filter(MetaServer::isLeader).findFirst().orElseThrow();
    }

    private void startMetas(int count) {
        MetaConfigs group = MetaTestGroups.group(dataDir, count)
                // long enough that a loaded 2-core machine does not change leaders mid-test
                .set(ConfigKeys.META_ELECTION_TIMEOUT_MS, 1000)
                .set(ConfigKeys.CLUSTER_SLOTS, SLOTS)
                .set(ConfigKeys.CLUSTER_REPLICAS, 2)
                .set(ConfigKeys.LEASE_DURATION_MS, LEASE_MS);
        peers.addAll(group.peers());
        for (RosterConfig member : group.members()) {
            MetaServer m = new MetaServer(member);
            metas.add(m);
            m.start();
            m.addListener((delta, s) -> appliedEpochs.merge(m.address(), s.slotTable().epoch(), Math::max));
        }
    }
}
