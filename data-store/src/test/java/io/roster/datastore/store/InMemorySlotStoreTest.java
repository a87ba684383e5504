package io.roster.datastore.store;

import io.roster.common.model.Datum;
import io.roster.common.model.ProcessId;
import io.roster.common.model.Publisher;
import io.roster.common.slot.DatumVersions;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InMemorySlotStoreTest {
    private static final String SVC = "com.example.Echo#@#DEFAULT_INSTANCE_ID#@#DEFAULT_GROUP";
    private static final String OTHER = "com.example.Other#@#DEFAULT_INSTANCE_ID#@#DEFAULT_GROUP";
    private static final ProcessId S1 = new ProcessId("127.0.0.1:9601", 1000, 11);
    private static final ProcessId S2 = new ProcessId("127.0.0.1:9602", 2000, 22);
    private static final long EPOCH = 3;

    private final SlotStore store = new InMemorySlotStore();

    private static Publisher pub(String registerId, String dataInfoId, String clientId, long version, long registeredAt,
                                 ProcessId session, String data) {
        return pub(registerId, dataInfoId, clientId, version, registeredAt, session, data, 0);
    }

    private static Publisher pub(String registerId, String dataInfoId, String clientId, long version, long registeredAt,
                                 ProcessId session, String data, long connectionGeneration) {
        return new Publisher(registerId, dataInfoId, clientId, "app", "zone-a",
                List.of(data.getBytes(StandardCharsets.UTF_8)), version, registeredAt, session, connectionGeneration);
    }

    private static Publisher pub(String registerId, long version, ProcessId session, String data) {
        return pub(registerId, SVC, "client-1", version, 100, session, data);
    }

    @Test
    void firstWriteStartsAtTheLeaderEpochFloorAndEveryChangeRaisesTheVersionByOne() {
        WriteResult first = store.put(1, pub("r1", 1, S1, "10.0.0.1:80"), EPOCH);
        WriteResult second = store.put(1, pub("r2", 1, S1, "10.0.0.2:80"), EPOCH);
        WriteResult third = store.put(1, pub("r1", 2, S1, "10.0.0.3:80"), EPOCH);

        assertThat(first.version()).isEqualTo(DatumVersions.floor(EPOCH) + 1);
        assertThat(second.version()).isEqualTo(first.version() + 1);
        assertThat(third.version()).isEqualTo(second.version() + 1);
        assertThat(third.changes()).containsExactly(new DatumChange(1, SVC, third.version()));
        assertThat(store.get(SVC).version()).isEqualTo(third.version());
        assertThat(store.get(SVC).publishers()).extracting(Publisher::version).containsExactly(2L, 1L);
    }

    @Test
    void aNewLeaderEpochJumpsAboveEveryVersionOfTheOldOne() {
        store.put(1, pub("r1", 1, S1, "a"), EPOCH);
        long old = store.put(1, pub("r1", 2, S1, "b"), EPOCH).version();

        long next = store.put(1, pub("r1", 3, S1, "c"), EPOCH + 1).version();

        assertThat(next).isGreaterThan(old).isEqualTo(DatumVersions.floor(EPOCH + 1) + 1);
        // An older epoch handed in later (a stale table) still cannot move the version back.
        assertThat(store.put(1, pub("r1", 4, S1, "d"), EPOCH).version()).isEqualTo(next + 1);
    }

    @Test
    void removingTheLastPublisherKeepsAnEmptyDatumWithAHigherVersion() {
        long put = store.put(1, pub("r1", 1, S1, "a"), EPOCH).version();

        WriteResult removed = store.remove(1, SVC, "r1", S1, EPOCH);

        assertThat(removed.version()).isEqualTo(put + 1);
        assertThat(removed.changes()).containsExactly(new DatumChange(1, SVC, put + 1));
        Datum tombstone = store.get(SVC);
        assertThat(tombstone.publishers()).isEmpty();
        assertThat(tombstone.version()).isEqualTo(put + 1);
        assertThat(store.datums(1)).containsExactly(tombstone);
        assertThat(store.publisherCount()).isZero();
        assertThat(store.datumCount()).isZero();
        assertThat(store.put(1, pub("r1", 1, S1, "a"), EPOCH).version()).isEqualTo(put + 2);
    }

    @Test
    void aLowerVersionIsStaleAndIgnoredWithTheCurrentVersion() {
        store.put(1, pub("r1", 5, S1, "new"), EPOCH);
        Datum before = store.get(SVC);

        WriteResult stale = store.put(1, pub("r1", 4, S2, "old"), EPOCH);

        assertThat(stale.hasChanges()).isFalse();
        assertThat(stale.version()).isEqualTo(before.version());
        assertThat(store.get(SVC)).isEqualTo(before);
    }

    @Test
    void anIdenticalPutChangesNothing() {
        long v = store.put(1, pub("r1", 1, S1, "a"), EPOCH).version();

        WriteResult again = store.put(1, pub("r1", 1, S1, "a"), EPOCH);

        assertThat(again).isEqualTo(WriteResult.unchanged(v));
        assertThat(store.get(SVC).version()).isEqualTo(v);
    }

    @Test
    void aSameVersionReplayOnTheClientsNextConnectionTakesOwnership() {
        long v = store.put(1, pub("r1", SVC, "c1", 1, 500, S1, "a", 1), EPOCH).version();

        // Replayed on the client's second connection, to S2, whose clock is behind S1's: the generation decides.
        WriteResult replay = store.put(1, pub("r1", SVC, "c1", 1, 100, S2, "a", 2), EPOCH);

        assertThat(replay.version()).isEqualTo(v + 1);
        assertThat(store.get(SVC).publishers()).singleElement().extracting(Publisher::sessionProcessId).isEqualTo(S2);
        // The old session's later unpublish (its client moved away) must not remove the moved registration.
        assertThat(store.remove(1, SVC, "r1", S1, EPOCH).hasChanges()).isFalse();
        assertThat(store.get(SVC).publishers()).hasSize(1);
    }

    @Test
    void aLateSameVersionWriteFromTheSessionTheClientLeftDoesNotTakeTheRegistrationBack() {
        // S1 froze with the write of the client's first connection in flight; the client moved to S2, which replayed.
        Publisher moved = pub("r1", SVC, "c1", 1, 100, S2, "a", 2);
        store.put(1, moved, EPOCH);

        // S1 resumes: its late write (stamped later by S1's clock) arrives, then its client-off for the closed connection.
        WriteResult late = store.put(1, pub("r1", SVC, "c1", 1, 900, S1, "a", 1), EPOCH);
        WriteResult off = store.clientOff(S1, "c1", 950, 960, Map.of(1, EPOCH));

        assertThat(store.get(SVC).publishers()).as("subscribers still see the moved publisher").containsExactly(moved);
        assertThat(late.hasChanges()).as("the late write of generation 1").isFalse();
        assertThat(off.hasChanges()).as("S1's client-off").isFalse();
    }

    @Test
    void aSameVersionAndGenerationFromAnotherSessionNeverTakesOwnership() {
        Publisher held = pub("r1", SVC, "c1", 1, 100, S2, "a", 3);
        store.put(1, held, EPOCH);

        assertThat(store.put(1, pub("r1", SVC, "c1", 1, 900, S1, "a", 3), EPOCH).hasChanges()).isFalse();
        assertThat(store.put(1, pub("r1", SVC, "c1", 1, 900, S1, "b", 0), EPOCH).hasChanges()).as("no generation").isFalse();
        assertThat(store.get(SVC).publishers()).containsExactly(held);
        // The holder itself may restate it (a re-registration on the same connection, stamped anew).
        Publisher restated = pub("r1", SVC, "c1", 1, 200, S2, "a", 3);
        assertThat(store.put(1, restated, EPOCH).hasChanges()).isTrue();
        assertThat(store.get(SVC).publishers()).containsExactly(restated);
        // A higher version wins whatever its generation says.
        Publisher republished = pub("r1", SVC, "c1", 2, 50, S1, "c", 1);
        assertThat(store.put(1, republished, EPOCH).hasChanges()).isTrue();
        assertThat(store.get(SVC).publishers()).containsExactly(republished);
    }

    @Test
    void onlyTheOwningSessionProcessCanRemove() {
        store.put(1, pub("r1", 1, S1, "a"), EPOCH);
        ProcessId restartedS1 = new ProcessId(S1.address(), S1.startTimeMillis() + 1, S1.pid());

        assertThat(store.remove(1, SVC, "r1", S2, EPOCH).hasChanges()).isFalse();
        assertThat(store.remove(1, SVC, "r1", restartedS1, EPOCH).hasChanges()).isFalse();
        assertThat(store.get(SVC).publishers()).hasSize(1);
        assertThat(store.remove(1, SVC, "r1", S1, EPOCH).hasChanges()).isTrue();
        assertThat(store.get(SVC).publishers()).isEmpty();
    }

    @Test
    void removingWhatIsNotThereCreatesNothing() {
        WriteResult result = store.remove(1, SVC, "r1", S1, EPOCH);

        assertThat(result).isEqualTo(WriteResult.unchanged(0));
        assertThat(store.get(SVC)).isEqualTo(Datum.absent(SVC));
        assertThat(store.datums(1)).isEmpty();
    }

    @Test
    void publishersAreInRegistrationOrderWhateverTheWriteOrder() {
        store.put(1, pub("b", SVC, "c", 1, 200, S1, "x"), EPOCH);
        store.put(1, pub("z", SVC, "c", 1, 100, S1, "x"), EPOCH);
        store.put(1, pub("a", SVC, "c", 1, 200, S1, "x"), EPOCH);
        store.put(1, pub("m", SVC, "c", 1, 300, S1, "x"), EPOCH);
        // A re-registration with a later timestamp moves to its new place.
        store.put(1, pub("z", SVC, "c", 2, 400, S1, "x"), EPOCH);

        assertThat(store.get(SVC).publishers()).extracting(Publisher::registerId).containsExactly("a", "b", "m", "z");
    }

    @Test
    void clientOffRemovesOnlyTheClientsOwnRegistrationsUpToTheCutOffInTheGivenSlots() {
        store.put(1, pub("early", SVC, "c1", 1, 100, S1, "x"), EPOCH);
        store.put(1, pub("late", SVC, "c1", 1, 200, S1, "x"), EPOCH);
        store.put(1, pub("moved", SVC, "c1", 1, 100, S2, "x"), EPOCH);
        store.put(1, pub("neighbour", SVC, "c2", 1, 100, S1, "x"), EPOCH);
        store.put(2, pub("elsewhere", OTHER, "c1", 1, 100, S1, "x"), EPOCH);
        long before = store.get(SVC).version();

        WriteResult result = store.clientOff(S1, "c1", 150, Map.of(1, EPOCH + 1));

        assertThat(result.version()).isZero();
        assertThat(result.changes()).containsExactly(new DatumChange(1, SVC, DatumVersions.floor(EPOCH + 1) + 1));
        assertThat(store.get(SVC).version()).isGreaterThan(before);
        assertThat(store.get(SVC).publishers()).extracting(Publisher::registerId).containsExactly("moved", "neighbour", "late");
        assertThat(store.get(OTHER).publishers()).hasSize(1);
        assertThat(store.publisherCount()).isEqualTo(4);
    }

    @Test
    void removeSessionDropsEveryPublisherTheProcessOwnedInTheGivenSlots() {
        String third = "com.example.Third#@#DEFAULT_INSTANCE_ID#@#DEFAULT_GROUP";
        store.put(1, pub("r1", SVC, "c1", 1, 100, S1, "x"), EPOCH);
        store.put(1, pub("r2", SVC, "c2", 1, 100, S2, "x"), EPOCH);
        store.put(2, pub("r3", OTHER, "c1", 1, 100, S1, "x"), EPOCH);
        store.put(3, pub("r4", third, "c1", 1, 100, S1, "x"), EPOCH);

        WriteResult result = store.removeSession(S1, Map.of(1, EPOCH, 2, EPOCH + 2));

        assertThat(result.changes()).containsExactlyInAnyOrder(
                new DatumChange(1, SVC, DatumVersions.floor(EPOCH) + 3),
                new DatumChange(2, OTHER, DatumVersions.floor(EPOCH + 2) + 1));
        assertThat(store.get(SVC).publishers()).extracting(Publisher::registerId).containsExactly("r2");
        assertThat(store.get(OTHER).publishers()).isEmpty();
        assertThat(store.get(third).publishers()).as("slot 3 was not named: this node does not lead it").hasSize(1);
        assertThat(store.publisherCount()).isEqualTo(2);
        assertThat(store.datumCount()).isEqualTo(2);
        assertThat(store.removeSession(S1, Map.of(1, EPOCH, 2, EPOCH)).hasChanges()).isFalse();
    }

    @Test
    void aDatumStaysInTheSlotItWasFirstWrittenIn() {
        store.put(1, pub("r1", 1, S1, "a"), EPOCH);

        assertThatThrownBy(() -> store.put(2, pub("r2", 1, S1, "a"), EPOCH))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("slot 1, not slot 2");
    }
}
