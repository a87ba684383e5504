package io.roster.meta.notice;

import io.roster.common.model.NodeInfo;
import io.roster.common.model.NodeRole;
import io.roster.common.model.ProcessId;
import io.roster.common.model.Slot;
import io.roster.common.model.SlotTable;
import io.roster.common.model.Switch;
import io.roster.common.rpc.RpcFailure;
import io.roster.common.wire.ClusterChangedNotice;
import io.roster.meta.image.MetaDelta;
import io.roster.meta.image.MetaImage;
import io.roster.meta.state.MetaRecord;
import io.roster.meta.state.NodeJoined;
import io.roster.meta.state.SlotTableChanged;
import io.roster.meta.state.SwitchChanged;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@Timeout(30)
class ClusterChangeNotifierTest {
    private static final NodeInfo DATA_1 = node(NodeRole.DATA, "127.0.0.1:9621");
    private static final NodeInfo DATA_2 = node(NodeRole.DATA, "127.0.0.1:9622");
    private static final NodeInfo SESSION = node(NodeRole.SESSION, "127.0.0.1:9601");

    private final RecordingSender sender = new RecordingSender();
    private final AtomicBoolean leading = new AtomicBoolean(true);
    private final ClusterChangeNotifier notifier = new ClusterChangeNotifier(leading::get, sender, 2);

    /** Records every notice per address; an address in {@code gates} waits there, one in {@code failing} fails. */
    private static final class RecordingSender implements ClusterNoticeSender {
        final Map<String, List<Long>> sent = new ConcurrentHashMap<>();
        final Map<String, CountDownLatch> gates = new ConcurrentHashMap<>();
        final Map<String, Boolean> failing = new ConcurrentHashMap<>();
        final CountDownLatch gateReached = new CountDownLatch(1);
        volatile boolean closed;

        @Override
        public void send(String address, ClusterChangedNotice notice) {
            CountDownLatch gate = gates.get(address);
            if (gate != null) {
                gateReached.countDown();
                try {
                    gate.await(20, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new RpcFailure("interrupted", e);
                }
            }
            if (failing.containsKey(address)) {
                throw new RpcFailure("ClusterChangedNotice to " + address + " failed: connection refused", null);
            }
            sent.computeIfAbsent(address, a -> new CopyOnWriteArrayList<>()).add(notice.epoch());
        }

        List<Long> to(NodeInfo node) {
            return sent.getOrDefault(node.address(), List.of());
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    private static NodeInfo node(NodeRole role, String address) {
        return new NodeInfo(role, address, new ProcessId(address, 100, 42));
    }

    private static SlotTable table(long epoch, String leader) {
        return new SlotTable(epoch, List.of(new Slot(0, leader, List.of(), epoch)));
    }

    /** Hands the notifier the delta of {@code records} on {@code base}, as the state machine does; returns the image. */
    private MetaImage feed(MetaImage base, MetaRecord... records) {
        MetaDelta delta = MetaDelta.replaying(base, List.of(records));
        MetaImage image = delta.apply();
        notifier.applied(delta, image);
        return image;
    }

    @AfterEach
    void tearDown() {
        sender.gates.values().forEach(CountDownLatch::countDown);
        notifier.close();
    }

    @Test
    void theLeaderTellsEveryLiveDataAndSessionNodeOfEachNewTable() {
        MetaImage s = feed(MetaImage.EMPTY, new NodeJoined(DATA_1), new NodeJoined(SESSION),
                new SlotTableChanged(table(1, DATA_1.address())));
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            assertThat(sender.to(DATA_1)).containsExactly(1L);
            assertThat(sender.to(SESSION)).containsExactly(1L);
        });
        assertThat(notifier.announcedEpoch()).isEqualTo(1);

        feed(s, new NodeJoined(DATA_2), new SlotTableChanged(table(2, DATA_2.address())));
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            assertThat(sender.to(DATA_1)).containsExactly(1L, 2L);
            assertThat(sender.to(DATA_2)).containsExactly(2L);
            assertThat(sender.to(SESSION)).containsExactly(1L, 2L);
        });
        assertThat(notifier.announcedEpoch()).isEqualTo(2);
    }

    @Test
    void deltasWithoutANewTableSendNothing() {
        MetaImage s = feed(MetaImage.EMPTY, new NodeJoined(DATA_1), new SlotTableChanged(table(1, DATA_1.address())));
        await().atMost(Duration.ofSeconds(5)).until(() -> sender.to(DATA_1).size() == 1);

        feed(s, new NodeJoined(SESSION));
        feed(s, new SwitchChanged(Switch.PUSH, false));
        feed(s, new SlotTableChanged(table(1, DATA_1.address())));
        feed(s);
        // a marker table: the notices it causes are queued after anything the deltas above might have queued
        feed(s, new NodeJoined(DATA_2), new SlotTableChanged(table(2, DATA_1.address())));
        await().atMost(Duration.ofSeconds(5)).until(() -> sender.to(DATA_2).size() == 1 && sender.to(DATA_1).size() >= 2);
        assertThat(sender.to(DATA_1)).containsExactly(1L, 2L);
        assertThat(sender.to(SESSION)).as("it joined without a new table (and is not live in the marker state)").isEmpty();
    }

    @Test
    void aFollowerSendsNothingAndALeaderDoesNotReplayTablesItFollowed() {
        leading.set(false);
        MetaImage s = feed(MetaImage.EMPTY, new NodeJoined(DATA_1), new NodeJoined(SESSION),
                new SlotTableChanged(table(1, DATA_1.address())));
        MetaImage two = feed(s, new SlotTableChanged(table(2, DATA_1.address())));
        assertThat(notifier.announcedEpoch()).isZero();

        // it becomes leader: the tables it applied as a follower stay unannounced (replayed again they change
        // nothing), the next one is announced
        leading.set(true);
        feed(two, new SlotTableChanged(table(2, DATA_1.address())));
        feed(two, new SlotTableChanged(table(3, DATA_1.address())));
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            assertThat(sender.to(DATA_1)).containsExactly(3L);
            assertThat(sender.to(SESSION)).containsExactly(3L);
        });
        assertThat(notifier.announcedEpoch()).isEqualTo(3);
    }

    @Test
    void aSlowOrFailingNodeNeitherBlocksTheCallerNorTheOthersAndGetsOnlyTheNewestEpochAfterwards() throws Exception {
        CountDownLatch slowGate = new CountDownLatch(1);
        sender.gates.put(DATA_1.address(), slowGate);
        sender.failing.put(SESSION.address(), true);
        MetaImage s = feed(MetaImage.EMPTY, new NodeJoined(DATA_1), new NodeJoined(DATA_2), new NodeJoined(SESSION),
                new SlotTableChanged(table(1, DATA_1.address())));

        assertThat(sender.gateReached.await(5, TimeUnit.SECONDS)).isTrue();
        for (long epoch = 2; epoch <= 5; epoch++) {
            s = feed(s, new SlotTableChanged(table(epoch, DATA_1.address()))); // returns at once although a send is stuck
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> sender.to(DATA_2).contains(5L));
        assertThat(sender.to(SESSION)).isEmpty();

        slowGate.countDown();
        await().atMost(Duration.ofSeconds(5)).until(() -> sender.to(DATA_1).contains(5L));
        assertThat(sender.to(DATA_1)).as("the stuck notice, then one with the newest epoch").containsExactly(1L, 5L);
    }

    @Test
    void closeClosesTheSenderAndLaterDeltasAreIgnored() {
        notifier.close();
        assertThat(sender.closed).isTrue();
        feed(MetaImage.EMPTY, new NodeJoined(DATA_1), new SlotTableChanged(table(1, DATA_1.address())));
        assertThat(sender.sent).isEmpty();
    }
}
