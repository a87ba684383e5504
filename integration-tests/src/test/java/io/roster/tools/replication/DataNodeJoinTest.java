package io.roster.tools.replication;

import io.roster.client.RosterClient;
import io.roster.common.model.SlotTable;
import io.roster.datastore.DataServer;
import io.roster.datastore.slot.SlotPhase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import static io.roster.tools.replication.DatumChecks.head;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 4, scale-out: a data node joins a running two-node cluster while publishers keep arriving. Slots migrate to
 * it (follower copy first, then leadership through MIGRATING -> ACCEPT), and no subscriber sees a partial list.
 */
@Timeout(120)
class DataNodeJoinTest extends ClusterTestBase {
    private static final Logger LOG = LoggerFactory.getLogger(DataNodeJoinTest.class);
    private static final int DATA_IDS = 200;
    private static final int GROWING_DATA_IDS = 20;

    private final ScheduledExecutorService writer = Executors.newSingleThreadScheduledExecutor();
    private PhaseSampler sampler;

    @AfterEach
    void stopAll() throws InterruptedException {
        writer.shutdownNow();
        writer.awaitTermination(10, TimeUnit.SECONDS);
        if (sampler != null) {
            sampler.close();
        }
    }

    @Test
    void aJoiningNodeTakesOverSlotsWhileSubscribersOnlyEverSeeCompleteLists() throws InterruptedException {
        cluster = clusters.start(2, 2);
        Registrations regs = new Registrations();
        String s0 = cluster.sessionAddress(0);
        String s1 = cluster.sessionAddress(1);
        List<RosterClient> subscribers = List.of(clients.connect("consumer-a", s0), clients.connect("consumer-b", s1));
        List<RosterClient> publishers = List.of(clients.connect("provider-a", s0), clients.connect("provider-b", s1));
        regs.subscribeSpread(subscribers, 0, DATA_IDS + GROWING_DATA_IDS);
        regs.publishSpread(publishers, 0, DATA_IDS, 5, "p");
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(head(regs.subscribersBehind())).isEmpty());
        Map<String, Integer> mark = regs.mark();

        // Publishers keep arriving on other dataIds throughout the join.
        AtomicInteger written = new AtomicInteger();
        List<String> writeFailures = new CopyOnWriteArrayList<>();
        writer.scheduleWithFixedDelay(() -> {
            int n = written.getAndIncrement();
            int id = DATA_IDS + n % GROWING_DATA_IDS;
            try {
                regs.publish(publishers.get(n % publishers.size()), Registrations.dataId(id), "g-" + n);
            } catch (RuntimeException e) {
                writeFailures.add("g-" + n + " on " + Registrations.dataId(id) + ": " + e);
            }
        }, 0, 20, TimeUnit.MILLISECONDS);

        String joined = cluster.addDataNode();
        DataServer newcomer = cluster.data(joined);
        sampler = new PhaseSampler(newcomer);
        await().atMost(ReplicationCluster.SETTLE)
                .until(() -> !ClusterStability.slotsLedBy(cluster.slotTable(), joined).isEmpty());
        cluster.awaitBalanced();
        writer.shutdown();
        assertThat(writer.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        sampler.close();
        LOG.info("slot phases seen on the joining node {}: {}", joined, sampler.trails());

        SlotTable table = cluster.slotTable();
        Set<Integer> led = ClusterStability.slotsLedBy(table, joined);
        Collection<Integer> counts = table.leaderCounts().values();
        assertThat(counts).as("slots led per node").hasSize(3);
        assertThat(counts.stream().mapToInt(Integer::intValue).max().orElseThrow()
                - counts.stream().mapToInt(Integer::intValue).min().orElseThrow()).as("leader imbalance").isLessThanOrEqualTo(1);
        assertThat(ClusterStability.slotsNotAccepting(cluster)).isEmpty();
        assertThat(newcomer.lastPromotion()).as("the joining node's last promotion round").isNotNull();
        Set<Integer> promotedAndLed = new TreeSet<>(sampler.promotedSlots());
        promotedAndLed.retainAll(led);
        assertThat(promotedAndLed).as("slots it leads that a promotion round took to ACCEPT").isNotEmpty();
        Set<Integer> followedFirst = new TreeSet<>(sampler.slotsSeenIn(SlotPhase.FOLLOWER));
        followedFirst.retainAll(led);
        LOG.info("joined node leads {}; promoted by a round seen: {}; seen as FOLLOWER first: {}", led, promotedAndLed,
                followedFirst);

        assertThat(writeFailures).as("publishes that failed during the join").isEmpty();
        assertThat(written.get()).isPositive();
        assertThat(head(DatumChecks.leaderMismatches(cluster, regs))).isEmpty();
        await().atMost(ReplicationCluster.SETTLE)
                .untilAsserted(() -> assertThat(head(DatumChecks.holderMismatches(cluster, regs))).isEmpty());

        await().atMost(ReplicationCluster.SETTLE).untilAsserted(() -> assertThat(head(regs.subscribersBehind())).isEmpty());
        Set<String> fixed = new TreeSet<>();
        Set<String> growing = new TreeSet<>();
        IntStream.range(0, DATA_IDS).forEach(i -> fixed.add(Registrations.canonical(Registrations.dataId(i))));
        IntStream.range(DATA_IDS, DATA_IDS + GROWING_DATA_IDS)
                .forEach(i -> growing.add(Registrations.canonical(Registrations.dataId(i))));
        assertThat(head(regs.pushesLacking(mark, id -> fixed.contains(id) ? regs.expectedItems(id) : Set.of())))
                .as("partial lists pushed for the unchanging dataIds").isEmpty();
        assertThat(head(regs.shrinkingPushes(growing))).as("pushes that lost a publisher of the growing dataIds").isEmpty();
        assertThat(head(regs.versionViolations())).isEmpty();
    }
}
