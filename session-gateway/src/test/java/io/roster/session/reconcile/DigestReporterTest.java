package io.roster.session.reconcile;

import io.roster.common.model.ProcessId;
import io.roster.common.model.Publisher;
import io.roster.common.model.Slot;
import io.roster.common.model.SlotTable;
import io.roster.common.rpc.RpcCaller;
import io.roster.common.slot.SlotFunction;
import io.roster.common.wire.SessionDigest;
import io.roster.common.wire.SessionSlotSync;
import io.roster.common.wire.SlotDigest;
import io.roster.session.registry.ConnectionHandle;
import io.roster.session.registry.ClientRegistry;
import io.roster.session.registry.RegistrationClock;
import io.roster.session.testing.FakeDataNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntFunction;

import static io.roster.session.reconcile.TestPublishers.dataInfoIdIn;
import static io.roster.session.reconcile.TestPublishers.publisher;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The periodic digest against fake data leaders on real bolt ports. */
@Timeout(60)
class DigestReporterTest {
    private static final int SLOT_COUNT = 8;
    private static final SlotFunction SLOTS = new SlotFunction(SLOT_COUNT);
    private static final ProcessId SESSION = new ProcessId("127.0.0.1:9601", 1, 1);

    private final ClientRegistry registry = new ClientRegistry(SLOTS);
    private final RegistrationClock clock = new RegistrationClock();
    private final ConnectionHandle connection = ConnectionHandle.alwaysOpen("client");
    private final AtomicReference<SlotTable> table = new AtomicReference<>(SlotTable.EMPTY);
    private final List<DigestReporter> reporters = new ArrayList<>();
    private FakeDataNode even;
    private FakeDataNode odd;
    private RpcCaller caller;

    @BeforeEach
    void start() {
        even = new FakeDataNode();
        odd = new FakeDataNode();
        caller = new RpcCaller();
    }

    @AfterEach
    void stop() {
        reporters.forEach(DigestReporter::close);
        if (caller != null) {
            caller.close();
        }
        even.close();
        odd.close();
    }

    private DigestReporter reporter(long intervalMs) {
        DigestReporter r = new DigestReporter(registry, clock, SLOTS, table::get, caller, SESSION, 2000, intervalMs);
        reporters.add(r);
        return r;
    }

    /** Epoch 1: even slots led by one fake data node, odd slots by the other. */
    private static SlotTable table(long epoch, IntFunction<String> leader) {
        List<Slot> slots = new ArrayList<>();
        for (int i = 0; i < SLOT_COUNT; i++) {
            slots.add(new Slot(i, leader.apply(i), List.of(), 1));
        }
        return new SlotTable(epoch, slots);
    }

    private SlotTable evenOdd() {
        return table(1, i -> i % 2 == 0 ? even.address() : odd.address());
    }

    private Publisher register(String registerId, int slot, int nth) {
        return clock.register(stamp -> {
            Publisher p = publisher(registerId, dataInfoIdIn(SLOTS, slot, nth), 1, stamp, SESSION);
            registry.putPublisher(p, connection);
            return p;
        });
    }

    @Test
    void eachLeaderGetsADigestOfEverySlotItLeadsAndAMismatchedSlotIsSyncedInFull() {
        Publisher a = register("a", 2, 0);
        Publisher b = register("b", 2, 1);
        register("c", 4, 0);
        register("d", 3, 0);
        table.set(evenOdd());
        even.mismatch(2);
        reporter(100).start();

        await().atMost(Duration.ofSeconds(20)).until(() -> !even.syncs().isEmpty() && !odd.digests().isEmpty());

        SessionDigest toEven = even.digests().get(0);
        assertThat(toEven.sessionProcessId()).isEqualTo(SESSION);
        assertThat(toEven.slots()).extracting(SlotDigest::slotId).containsExactly(0, 2, 4, 6);
        assertThat(toEven.slots()).extracting(SlotDigest::count).containsExactly(0, 2, 1, 0);
        assertThat(odd.digests().get(0).slots()).extracting(SlotDigest::slotId).containsExactly(1, 3, 5, 7);
        SessionSlotSync sync = even.syncs().get(0);
        assertThat(sync.slotId()).isEqualTo(2);
        assertThat(sync.sessionProcessId()).isEqualTo(SESSION);
        assertThat(sync.publishers()).containsExactlyInAnyOrder(a, b);
        assertThat(sync.snapshotStamp()).isGreaterThanOrEqualTo(Math.max(a.registerTimestamp(), b.registerTimestamp()));
        assertThat(even.syncs()).allSatisfy(s -> assertThat(s.slotId()).isEqualTo(2));
        assertThat(odd.syncs()).isEmpty();
    }

    @Test
    void aSlotDataNamesButThatWasNotSentToItIsNotSynced() {
        register("a", 3, 0);
        table.set(evenOdd());
        even.mismatch(3, 4, 4);
        DigestReporter r = reporter(600_000);

        r.round();

        assertThat(even.syncs()).extracting(SessionSlotSync::slotId).containsExactly(4);
        assertThat(even.syncs().get(0).publishers()).isEmpty();
    }

    @Test
    void keepsReportingAfterADataNodeAnswersErrorsOrIsGone() {
        Publisher d = register("d", 3, 0);
        table.set(evenOdd());
        odd.failNext(2);
        odd.mismatch(3);
        even.close(); // this leader is unreachable every round
        reporter(100).start();

        await().atMost(Duration.ofSeconds(20)).until(() -> !odd.syncs().isEmpty());

        assertThat(odd.digests().size()).isGreaterThanOrEqualTo(3);
        assertThat(odd.syncs().get(0).slotId()).isEqualTo(3);
        assertThat(odd.syncs().get(0).publishers()).containsExactly(d);
        int before = odd.digests().size();
        await().atMost(Duration.ofSeconds(20)).until(() -> odd.digests().size() > before + 1);
    }

    @Test
    void sendsNothingWithoutASlotTable() {
        register("a", 2, 0);
        DigestReporter r = reporter(600_000);

        r.round();
        table.set(table(0, i -> even.address()));
        r.round();

        assertThat(even.digests()).isEmpty();
        table.set(table(1, i -> even.address()));
        r.round();
        assertThat(even.digests()).hasSize(1);
    }

    @Test
    void aNewSlotTableEpochRunsARoundAtOnce() {
        register("a", 2, 0);
        table.set(evenOdd());
        DigestReporter r = reporter(600_000);
        r.start();

        r.slotTableChanged(1);
        await().atMost(Duration.ofSeconds(20)).until(() -> even.digests().size() == 1 && odd.digests().size() == 1);

        r.slotTableChanged(1); // the same epoch again (another node joined, say): no extra round
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5)).until(() -> odd.digests().size() == 1);
        table.set(table(2, i -> even.address()));
        r.slotTableChanged(2);
        await().atMost(Duration.ofSeconds(20)).until(() -> even.digests().size() == 2);
        assertThat(even.digests().get(1).slots()).hasSize(SLOT_COUNT);
        assertThat(odd.digests()).hasSize(1);
    }

    @Test
    void aRoundCopiesNoPublisherListOnlyTheRunningDigestsAndSyncsOnlyWhatDataNamed() {
        for (int i = 0; i < 5000; i++) {
            register("p" + i, i % SLOT_COUNT, i / SLOT_COUNT);
        }
        table.set(evenOdd());
        DigestReporter r = reporter(600_000);

        r.round();
        register("late", 3, 9999);
        r.round();

        assertThat(r.publishersRead()).isZero(); // the old round copied all 5000 every time
        assertThat(odd.digests()).hasSize(2);
        assertThat(odd.digests().get(1).slots()).extracting(SlotDigest::count).containsExactly(625, 626, 625, 625);
        odd.mismatch(3);
        r.round();
        assertThat(r.publishersRead()).isEqualTo(626); // a mismatch still sends its slot in full
        assertThat(odd.syncs()).extracting(SessionSlotSync::slotId).containsExactly(3);
    }

    @Test
    void aMismatchOfASlotWrittenSinceTheLastRoundWaitsForItToSettleAtMostMaxDeferralsRounds() {
        register("a", 3, 0);
        table.set(evenOdd());
        DigestReporter r = reporter(600_000);
        r.round();
        odd.mismatch(3, 5);

        register("b", 3, 1); // a write maybe still in flight to data: slot 3 is busy, slot 5 is quiet
        r.round();
        assertThat(odd.syncs()).extracting(SessionSlotSync::slotId).as("the quiet slot's gap is synced at once")
                .containsExactly(5);

        r.round(); // slot 3 unchanged for a whole round: its mismatch is a gap
        assertThat(odd.syncs()).extracting(SessionSlotSync::slotId).containsExactly(5, 3, 5);

        for (int i = 0; i < DigestReporter.MAX_DEFERRALS; i++) {
            register("busy" + i, 3, 2 + i);
            r.round();
        }
        assertThat(odd.syncs()).extracting(SessionSlotSync::slotId).filteredOn(slot -> slot == 3).hasSize(1);
        register("busy-again", 3, 9);
        r.round(); // written in every round: synced after MAX_DEFERRALS rounds anyway
        assertThat(odd.syncs()).extracting(SessionSlotSync::slotId).filteredOn(slot -> slot == 3).hasSize(2);
    }

    @Test
    void aRoundForANewSlotTableEpochSyncsBusySlotsToo() {
        register("a", 3, 0);
        table.set(evenOdd());
        DigestReporter r = reporter(600_000);
        r.start();
        r.slotTableChanged(1);
        await().atMost(Duration.ofSeconds(20)).until(() -> odd.digests().size() == 1);

        odd.mismatch(3);
        register("b", 3, 1);
        table.set(table(2, i -> i % 2 == 0 ? even.address() : odd.address()));
        r.slotTableChanged(2);
        await().atMost(Duration.ofSeconds(20)).until(() -> odd.syncs().size() == 1);
        assertThat(odd.syncs().get(0).slotId()).isEqualTo(3);
    }
}
