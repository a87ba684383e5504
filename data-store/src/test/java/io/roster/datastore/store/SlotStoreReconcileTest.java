package io.roster.datastore.store;

import io.roster.common.model.Datum;
import io.roster.common.model.ProcessId;
import io.roster.common.model.Publisher;
import io.roster.common.slot.DatumVersions;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The reconciliation and replication operations of the store: syncSession, removeOwnersExcept, install, dropSlot. */
class SlotStoreReconcileTest {
    private static final String SVC = "com.example.Echo#@#DEFAULT_INSTANCE_ID#@#DEFAULT_GROUP";
    private static final String OTHER = "com.example.Other#@#DEFAULT_INSTANCE_ID#@#DEFAULT_GROUP";
    private static final ProcessId S1 = new ProcessId("127.0.0.1:9601", 1000, 11);
    private static final ProcessId S2 = new ProcessId("127.0.0.1:9602", 2000, 22);
    private static final long EPOCH = 3;

    private final InMemorySlotStore store = new InMemorySlotStore();

    private static Publisher pub(String registerId, String dataInfoId, long version, long registeredAt, ProcessId session) {
        return pub(registerId, dataInfoId, version, registeredAt, session, 0);
    }

    private static Publisher pub(String registerId, String dataInfoId, long version, long registeredAt, ProcessId session,
                                 long connectionGeneration) {
        return new Publisher(registerId, dataInfoId, "client-1", "app", "", List.of(new byte[]{1}), version, registeredAt,
                session, connectionGeneration);
    }

    @Test
    void syncBringsBackWhatTheSessionListsAndDropsWhatItNoLongerHasUpToTheSnapshot() {
        store.put(1, pub("kept", SVC, 1, 100, S1), EPOCH);
        store.put(1, pub("ghost", SVC, 1, 100, S1), EPOCH);
        store.put(1, pub("raced", SVC, 1, 500, S1), EPOCH);
        store.put(1, pub("other-session", SVC, 1, 100, S2), EPOCH);

        WriteResult r = store.syncSession(1, S1, 400,
                List.of(pub("kept", SVC, 1, 100, S1), pub("lost", SVC, 2, 200, S1), pub("lost-elsewhere", OTHER, 1, 300, S1)), EPOCH);

        assertThat(store.get(SVC).publishers()).extracting(Publisher::registerId)
                .containsExactly("kept", "other-session", "lost", "raced");
        assertThat(store.get(OTHER).publishers()).extracting(Publisher::registerId).containsExactly("lost-elsewhere");
        assertThat(r.changes()).extracting(DatumChange::dataInfoId).containsExactlyInAnyOrder(SVC, OTHER);
        assertThat(store.syncSession(1, S1, 400, List.of(pub("kept", SVC, 1, 100, S1), pub("lost", SVC, 2, 200, S1),
                pub("lost-elsewhere", OTHER, 1, 300, S1)), EPOCH).hasChanges()).as("a second identical sync").isFalse();
    }

    @Test
    void syncKeepsAHigherVersionAndTheOwnershipOfTheClientsLaterConnection() {
        store.put(1, pub("newer", SVC, 5, 100, S1, 1), EPOCH);
        store.put(1, pub("moved", SVC, 2, 900, S2, 2), EPOCH);

        WriteResult r = store.syncSession(1, S1, 1000,
                List.of(pub("newer", SVC, 4, 100, S1, 1), pub("moved", SVC, 2, 100, S1, 1)), EPOCH);

        assertThat(r.hasChanges()).isFalse();
        assertThat(store.get(SVC).publishers()).extracting(p -> p.registerId() + " v" + p.version() + " of " + p.sessionProcessId())
                .containsExactlyInAnyOrder("newer v5 of " + S1, "moved v2 of " + S2);
    }

    @Test
    void aSyncFromTheSessionTheClientLeftDoesNotTakeTheRegistrationBackWhateverItsClockSays() {
        // The client moved from S1 to S2 (its second connection); S1's clock runs ahead of S2's.
        Publisher moved = pub("moved", SVC, 2, 100, S2, 2);
        store.put(1, moved, EPOCH);

        // S1, frozen meanwhile, still lists its copy of the first connection, stamped later than S2's.
        WriteResult r = store.syncSession(1, S1, 1000, List.of(pub("moved", SVC, 2, 900, S1, 1)), EPOCH);
        WriteResult off = store.clientOff(S1, "client-1", 1000, 1100, java.util.Map.of(1, EPOCH));

        assertThat(store.get(SVC).publishers()).as("subscribers still see the moved publisher").containsExactly(moved);
        assertThat(r.hasChanges()).as("S1's sync").isFalse();
        assertThat(off.hasChanges()).as("S1's client-off").isFalse();
    }

    @Test
    void aSyncFromTheClientsLaterConnectionTakesOwnershipEvenWithAnEarlierStamp() {
        store.put(1, pub("moved", SVC, 2, 900, S1, 1), EPOCH);
        Publisher replayed = pub("moved", SVC, 2, 100, S2, 2);

        assertThat(store.syncSession(1, S2, 200, List.of(replayed), EPOCH).hasChanges()).isTrue();

        assertThat(store.get(SVC).publishers()).containsExactly(replayed);
        assertThat(store.clientOff(S1, "client-1", 1000, 1100, java.util.Map.of(1, EPOCH)).hasChanges()).isFalse();
    }

    @Test
    void anEmptySyncRemovesEverythingTheSessionOwnsThere() {
        store.put(1, pub("a", SVC, 1, 100, S1), EPOCH);
        store.put(1, pub("b", SVC, 1, 100, S2), EPOCH);

        store.syncSession(1, S1, 200, List.of(), EPOCH);

        assertThat(store.get(SVC).publishers()).extracting(Publisher::registerId).containsExactly("b");
        assertThat(store.syncSession(9, S1, 200, List.of(), EPOCH).hasChanges()).as("a slot never written").isFalse();
    }

    @Test
    void aSnapshotOrWriteFromBeforeAnUnpublishCannotBringThePublisherBack() {
        Publisher p = pub("gone", SVC, 1, 100, S1);
        store.put(1, p, EPOCH);
        store.remove(1, SVC, "gone", S1, 300, EPOCH);          // the session dropped it at tick 300

        assertThat(store.syncSession(1, S1, 250, List.of(p), EPOCH).hasChanges()).as("snapshot at 250").isFalse();
        assertThat(store.put(1, p, EPOCH).hasChanges()).as("a publish write stamped 100 that arrives late").isFalse();
        assertThat(store.get(SVC).publishers()).isEmpty();

        Publisher again = pub("gone", SVC, 1, 400, S1);       // registered again after the removal
        assertThat(store.syncSession(1, S1, 450, List.of(again), EPOCH).hasChanges()).isTrue();
        assertThat(store.get(SVC).publishers()).containsExactly(again);
    }

    @Test
    void aLateUnpublishDoesNotRemoveARegistrationMadeAfterIt() {
        store.put(1, pub("r", SVC, 1, 100, S1), EPOCH);
        Publisher again = pub("r", SVC, 2, 400, S1);            // re-registered at tick 400
        store.put(1, again, EPOCH);

        assertThat(store.remove(1, SVC, "r", S1, 300, EPOCH).hasChanges()).as("the unpublish of tick 300").isFalse();
        assertThat(store.get(SVC).publishers()).containsExactly(again);
        assertThat(store.remove(1, SVC, "r", S1, 500, EPOCH).hasChanges()).isTrue();
    }

    @Test
    void aSnapshotFromBeforeAClientOffCannotBringItsPublishersBackButLaterRegistrationsStay() {
        Publisher old = pub("old", SVC, 1, 100, S1);
        store.put(1, old, EPOCH);
        store.clientOff(S1, "client-1", 150, 300, java.util.Map.of(1, EPOCH)); // registered up to 150, dropped at 300
        Publisher newer = pub("newer", SVC, 1, 200, S1);                         // same client, after the disconnect

        store.syncSession(1, S1, 250, List.of(old, newer), EPOCH);

        assertThat(store.get(SVC).publishers()).extracting(Publisher::registerId).containsExactly("newer");
        assertThat(store.syncSession(1, S1, 350, List.of(old, newer), EPOCH).hasChanges())
                .as("a snapshot after the client-off that still lists it: the client is back").isTrue();
    }

    @Test
    void removeOwnersExceptDropsPublishersOfProcessesThatAreNotLive() {
        store.put(1, pub("a", SVC, 1, 100, S1), EPOCH);
        store.put(1, pub("b", SVC, 1, 100, S2), EPOCH);
        long before = store.get(SVC).version();

        WriteResult r = store.removeOwnersExcept(1, Set.of(S2)::contains, EPOCH + 1);

        assertThat(store.get(SVC).publishers()).extracting(Publisher::registerId).containsExactly("b");
        assertThat(r.changes()).containsExactly(new DatumChange(1, SVC, DatumVersions.floor(EPOCH + 1) + 1));
        assertThat(store.get(SVC).version()).isGreaterThan(before);
    }

    @Test
    void installTakesTheLeadersDatumAsItIsAndAnAbsentOneDeletesIt() {
        Datum leaders = new Datum(SVC, 77, List.of(pub("a", SVC, 1, 100, S1)));
        store.put(1, pub("stale", SVC, 9, 100, S2), EPOCH + 5);

        assertThat(store.install(1, 1, leaders)).isTrue();
        assertThat(store.install(1, 1, leaders)).as("again").isFalse();
        assertThat(store.get(SVC)).isEqualTo(leaders);
        assertThat(store.publisherCount()).isEqualTo(1);

        assertThat(store.install(1, 1, Datum.absent(SVC))).isTrue();
        assertThat(store.get(SVC).version()).isZero();
        assertThat(store.datums(1)).isEmpty();
        assertThat(store.publisherCount()).isZero();
        assertThat(store.datumCount()).isZero();
        assertThat(store.install(1, 1, Datum.absent(OTHER))).isFalse();
        assertThatThrownBy(() -> store.install(1, 1, new Datum(SVC, 0, List.of(pub("a", SVC, 1, 1, S1)))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void dropSlotForgetsTheSlotTombstonesIncluded() {
        store.put(1, pub("a", SVC, 1, 100, S1), EPOCH);
        store.put(2, pub("b", OTHER, 1, 100, S1), EPOCH);
        store.remove(2, OTHER, "b", S1, EPOCH);
        assertThat(store.slots()).containsExactly(1, 2);

        store.dropSlot(2);
        store.dropSlot(5);

        assertThat(store.slots()).containsExactly(1);
        assertThat(store.get(OTHER).version()).isZero();
        assertThat(store.publisherCount()).isEqualTo(1);
        store.put(2, pub("c", OTHER, 1, 100, S1), EPOCH);
        assertThat(store.get(OTHER).publishers()).hasSize(1);
    }

    @Test
    void aWriteForASlotThatMovedAwayMeanwhileIsRefusedAndChangesNothing() {
        boolean[] leading = {true};
        boolean[] following = {false};
        InMemorySlotStore guarded = new InMemorySlotStore(DatumPersistence.NONE, SlotGuard.of(
                (slot, leaderEpoch) -> leading[0] && leaderEpoch == EPOCH, (slot, leaderEpoch) -> following[0],
                session -> !session.equals(S2)));
        guarded.put(1, pub("a", SVC, 1, 100, S1), EPOCH);
        Datum before = guarded.get(SVC);

        assertThatThrownBy(() -> guarded.put(1, pub("b", SVC, 1, 100, S1), EPOCH - 1)).isInstanceOf(SlotMovedException.class)
                .hasMessageContaining("slot 1").hasMessageContaining("leaderEpoch " + (EPOCH - 1));
        leading[0] = false;
        assertThatThrownBy(() -> guarded.remove(1, SVC, "a", S1, EPOCH)).isInstanceOf(SlotMovedException.class);
        assertThatThrownBy(() -> guarded.syncSession(1, S1, 500, List.of(), EPOCH)).isInstanceOf(SlotMovedException.class);
        assertThatThrownBy(() -> guarded.removeOwnersExcept(1, p -> false, EPOCH)).isInstanceOf(SlotMovedException.class);
        assertThat(guarded.removeSession(S1, java.util.Map.of(1, EPOCH)).hasChanges()).as("skipped, not thrown").isFalse();
        assertThatThrownBy(() -> guarded.install(1, EPOCH, new Datum(SVC, 99, List.of()))).as("not following either")
                .isInstanceOf(SlotMovedException.class);
        assertThat(guarded.get(SVC)).isEqualTo(before);

        following[0] = true;
        assertThat(guarded.install(1, EPOCH, new Datum(SVC, 99, List.of()))).isTrue();
        assertThat(guarded.get(SVC).version()).isEqualTo(99);
    }

    @Test
    void aWriteOnBehalfOfAnExpiredSessionIsRefusedUnderTheSlotLock() {
        InMemorySlotStore guarded = new InMemorySlotStore(DatumPersistence.NONE, SlotGuard.of(
                (slot, leaderEpoch) -> true, (slot, leaderEpoch) -> true, session -> !session.equals(S2)));

        assertThatThrownBy(() -> guarded.put(1, pub("b", SVC, 1, 100, S2), EPOCH)).isInstanceOf(OwnerExpiredException.class)
                .hasMessageContaining(S2.toString());
        assertThatThrownBy(() -> guarded.syncSession(1, S2, 500, List.of(pub("b", SVC, 1, 100, S2)), EPOCH))
                .isInstanceOf(OwnerExpiredException.class);
        guarded.put(1, pub("a", SVC, 1, 100, S1), EPOCH);
        assertThat(guarded.get(SVC).publishers()).extracting(Publisher::registerId).containsExactly("a");
    }

    @Test
    void aWriteThatCannotBePersistedChangesNothing() {
        List<Integer> saved = new ArrayList<>();
        boolean[] failing = {false};
        InMemorySlotStore persisted = new InMemorySlotStore(new DatumPersistence() {
            @Override
            public void save(int slot, List<DatumUpdate> updates) {
                if (failing[0]) {
                    throw new IllegalStateException("disk full");
                }
                saved.add(slot);
            }

            @Override
            public void dropSlot(int slot) {
            }

            @Override
            public void close() {
            }
        }, SlotGuard.NONE);
        persisted.put(1, pub("a", SVC, 1, 100, S1), EPOCH);
        Datum before = persisted.get(SVC);
        failing[0] = true;

        assertThatThrownBy(() -> persisted.put(1, pub("b", SVC, 1, 100, S1), EPOCH)).hasMessageContaining("disk full");

        assertThat(persisted.get(SVC)).isEqualTo(before);
        assertThat(persisted.publisherCount()).isEqualTo(1);
        assertThat(saved).containsExactly(1);
    }
}
