package io.roster.session.push;

import com.codahale.metrics.MetricRegistry;
import io.roster.common.model.Datum;
import io.roster.common.model.ProcessId;
import io.roster.common.model.Publisher;
import io.roster.common.model.Slot;
import io.roster.common.model.SlotTable;
import io.roster.common.rpc.RpcCaller;
import io.roster.common.slot.SlotFunction;
import io.roster.common.view.ClusterView;
import io.roster.common.wire.DatumDigest;
import io.roster.common.wire.DatumVersionsQuery;
import io.roster.common.wire.DatumVersionsReply;
import io.roster.common.wire.ErrorCode;
import io.roster.common.wire.PushMessage;
import io.roster.session.registry.ClientRegistry;
import io.roster.session.registry.ConnectionHandle;
import io.roster.session.registry.SubscriberRecord;
import io.roster.testkit.bolt.FakeBoltPeer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The version check against a fake slot leader on a real bolt port, with a real push engine whose client acks only
 * when the test says: a change this session was told of and is still pushing (its window open, its push awaiting
 * the ack) is no lost notice and gets no repair; a change whose notice really never came is repaired, and counted.
 * Rounds of the check are run by the test ({@link VersionCheck#round()}), never by its timer.
 */
@Timeout(60)
class VersionCheckTest {
    private static final SlotFunction SLOTS = new SlotFunction(8);
    private static final ProcessId SESSION = new ProcessId("127.0.0.1:9601", 1, 1);
    private static final String ID = "svc#@#DEFAULT_INSTANCE_ID#@#DEFAULT_GROUP";
    /** Long enough that a change inside it waits for the whole test. */
    private static final long WINDOW_MS = 60_000;

    private final ClientRegistry registry = new ClientRegistry(SLOTS);
    private final MetricRegistry metrics = new MetricRegistry();
    /** What data holds: the engine reads it, the fake leader answers its version. */
    private final AtomicReference<Datum> atData = new AtomicReference<>(Datum.absent(ID));
    private final List<PushMessage> sent = new CopyOnWriteArrayList<>();
    /** One per push, completed (acked) by the test. */
    private final List<CompletableFuture<Boolean>> acks = new CopyOnWriteArrayList<>();
    private FakeLeader leader;
    private RpcCaller caller;
    private PushEngine engine;
    private ClusterView view;
    private VersionCheck check;

    /** A slot leader that answers a version query with the datums it holds above the version the session sent. */
    private static final class FakeLeader extends FakeBoltPeer {
        FakeLeader(AtomicReference<Datum> atData) {
            super("fake-leader", 2);
            handle(DatumVersionsQuery.class, q -> {
                List<DatumDigest> newer = new ArrayList<>();
                for (int i = 0; i < q.dataInfoIds().size(); i++) {
                    Datum d = atData.get();
                    if (d.dataInfoId().equals(q.dataInfoIds().get(i)) && d.version() > q.pushedVersion(i)) {
                        newer.add(new DatumDigest(d.dataInfoId(), d.version(), d.publishers().size()));
                    }
                }
                return new DatumVersionsReply(ErrorCode.OK, "", newer);
            }, (code, message) -> new DatumVersionsReply(code, message, List.of()));
            listen();
        }
    }

    @BeforeEach
    void start() {
        leader = new FakeLeader(atData);
        caller = new RpcCaller();
        engine = new PushEngine(registry, id -> atData.get(), (connection, message) -> {
            sent.add(message);
            CompletableFuture<Boolean> ack = new CompletableFuture<>();
            acks.add(ack);
            return ack;
        }, new PushOptions(WINDOW_MS, 8192, 256), new PushMetrics(metrics));
        List<Slot> slots = new ArrayList<>();
        for (int i = 0; i < SLOTS.slotCount(); i++) {
            slots.add(new Slot(i, leader.address(), List.of(), 1));
        }
        view = new ClusterView(new SlotTable(1, slots), List.of(), List.of(), null, 0);
        check = checkWithGrace(() -> { }); // no notice arrives while the check waits
    }

    /** A check whose wait for notices still on their way runs {@code meanwhile} instead. */
    private VersionCheck checkWithGrace(Runnable meanwhile) {
        return new VersionCheck(registry, engine, caller, () -> view, SLOTS, SESSION, 2000, 3_600_000, meanwhile);
    }

    @AfterEach
    void stop() {
        check.close();
        engine.close();
        caller.close();
        leader.close();
    }

    private static Datum datum(long version) {
        Publisher p = new Publisher("r-" + version, ID, "c", "app", "",
                List.of(("10.0.0.1:" + version).getBytes(StandardCharsets.UTF_8)), 1, 1, new ProcessId("s:1", 1, 1));
        return new Datum(ID, version, List.of(p));
    }

    private long repairsCounted() {
        return metrics.counter("session.push.repairs").getCount();
    }

    /** A subscriber that got version 1 (acked). */
    private SubscriberRecord subscriberAtVersionOne() {
        atData.set(datum(1));
        SubscriberRecord s = new SubscriberRecord("s1", ID, "client", ConnectionHandle.alwaysOpen("c1"));
        registry.addSubscriber(s);
        engine.pushCurrent(s);
        await().until(() -> sent.size() == 1);
        acks.get(0).complete(true);
        await().until(() -> s.pushedVersion() == 1);
        return s;
    }

    @Test
    void aChangeWhosePushAwaitsTheClientsAckIsNotRepaired() {
        SubscriberRecord s = subscriberAtVersionOne();
        atData.set(datum(2));
        engine.onChange(ID);                                      // the notice came: read and pushed at once
        await().until(() -> sent.size() == 2);                    // v2 is on its way; the client has not acked

        assertThat(check.round()).as("datums the check repaired while v2 awaits its ack").isZero();
        assertThat(repairsCounted()).isZero();

        acks.get(1).complete(true);
        await().until(() -> s.pushedVersion() == 2);
        assertThat(check.round()).isZero();
        assertThat(sent).hasSize(2);
    }

    @Test
    void aChangeWaitingForTheWindowAfterARoundIsNotRepaired() {
        SubscriberRecord s = subscriberAtVersionOne();
        atData.set(datum(2));
        engine.onChange(ID);
        await().until(() -> sent.size() == 2);
        acks.get(1).complete(true);
        await().until(() -> s.pushedVersion() == 2);
        atData.set(datum(3));
        engine.onChange(ID);                                      // inside the window after v2's read: waits for its end

        assertThat(check.round()).as("datums the check repaired while v3 waits for the window").isZero();
        assertThat(repairsCounted()).isZero();
        assertThat(sent).hasSize(2);
    }

    @Test
    void aNoticeStillOnItsWayWhenDataAnswersIsNotRepaired() {
        check.close();
        // Data answers the query on one thread and sends its notices on another: v2's notice lands only after the
        // answer, while the check waits its grace.
        check = checkWithGrace(() -> engine.onChange(ID));
        subscriberAtVersionOne();
        atData.set(datum(2));

        assertThat(check.round()).as("datums the check repaired while v2's notice was on its way").isZero();
        assertThat(repairsCounted()).isZero();
        await().until(() -> sent.size() == 2);                    // the notice's own round pushes v2
        assertThat(sent.get(1).version()).isEqualTo(2);
    }

    @Test
    void aNoticeThatNeverCameIsRepairedAndCounted() {
        SubscriberRecord s = subscriberAtVersionOne();
        atData.set(datum(2));                                     // written, but its notice is lost

        assertThat(check.round()).isEqualTo(1);
        assertThat(repairsCounted()).isEqualTo(1);
        await().until(() -> sent.size() == 2);
        assertThat(sent.get(1).version()).isEqualTo(2);
        acks.get(1).complete(true);
        await().until(() -> s.pushedVersion() == 2);
        assertThat(check.round()).as("nothing is missing any more").isZero();
        assertThat(repairsCounted()).isEqualTo(1);
    }
}
