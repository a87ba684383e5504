package io.roster.datastore.store;

import io.roster.common.model.ProcessId;
import io.roster.common.model.Publisher;
import io.roster.common.slot.DatumVersions;
import io.roster.datastore.store.DatumPersistence.DatumUpdate;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link SlotStore#putAll}: the outcome of the puts one by one, in one persisted write per slot. */
class PutAllTest {
    private static final String SVC = "com.example.Echo#@#DEFAULT_INSTANCE_ID#@#DEFAULT_GROUP";
    private static final String OTHER = "com.example.Other#@#DEFAULT_INSTANCE_ID#@#DEFAULT_GROUP";
    private static final ProcessId S1 = new ProcessId("127.0.0.1:9601", 1000, 11);
    private static final ProcessId EXPIRED = new ProcessId("127.0.0.1:9602", 2000, 22);
    private static final long EPOCH = 3;

    /** Every save, as the slot and the updates it persisted together. */
    private final List<List<DatumUpdate>> saves = new CopyOnWriteArrayList<>();
    private final InMemorySlotStore store = new InMemorySlotStore(new DatumPersistence() {
        @Override
        public void save(int slot, List<DatumUpdate> updates) {
            saves.add(List.copyOf(updates));
        }

        @Override
        public void dropSlot(int slot) {
        }

        @Override
        public void close() {
        }
    }, SlotGuard.of((slot, epoch) -> epoch == EPOCH, (slot, epoch) -> false, session -> !session.equals(EXPIRED)));

    private static Publisher pub(String registerId, String dataInfoId, long version, long registeredAt) {
        return new Publisher(registerId, dataInfoId, "client-1", "app", "zone-a",
                List.of(("10.0.0.1:" + version).getBytes(StandardCharsets.UTF_8)), version, registeredAt, S1, 1);
    }

    @Test
    void aBatchOverTwoDatumsIsOnePersistedWriteWithOneNewVersionPerDatum() {
        List<WriteResult> results = store.putAll(1, List.of(pub("r1", SVC, 1, 100), pub("r2", SVC, 1, 101),
                pub("o1", OTHER, 1, 102), pub("r1", SVC, 2, 100)), EPOCH);

        assertThat(saves).hasSize(1);
        assertThat(saves.get(0)).extracting(DatumPersistence.DatumUpdate::dataInfoId).containsExactly(SVC, OTHER);
        long first = DatumVersions.floor(EPOCH) + 1;
        assertThat(results).extracting(WriteResult::version).containsExactly(first, first, first, first);
        assertThat(results.stream().flatMap(r -> r.changes().stream()).toList())
                .containsExactly(new DatumChange(1, SVC, first), new DatumChange(1, OTHER, first));
        assertThat(store.get(SVC).publishers()).extracting(Publisher::registerId, Publisher::version)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("r1", 2L), org.assertj.core.groups.Tuple.tuple("r2", 1L));
        assertThat(store.publisherCount()).isEqualTo(3);
    }

    @Test
    void eachPutIsJudgedAsAlonePreviousCopiesAndRemovalsIncluded() {
        store.put(1, pub("r1", SVC, 5, 100), EPOCH);
        store.remove(1, SVC, "gone", S1, 200, EPOCH); // removed at tick 200: its copy stamped 150 is late
        saves.clear();

        List<WriteResult> results = store.putAll(1, List.of(pub("r1", SVC, 4, 100), pub("gone", SVC, 1, 150)), EPOCH);

        assertThat(saves).as("nothing changed: nothing persisted").isEmpty();
        assertThat(results).allSatisfy(r -> assertThat(r.hasChanges()).isFalse());
        assertThat(results).extracting(WriteResult::version).containsOnly(store.get(SVC).version());
        assertThat(store.get(SVC).publishers()).extracting(Publisher::version).containsExactly(5L);
    }

    @Test
    void aSlotNoLongerLedOrAnExpiredOwnerRefusesTheWholeSlotAndWritesNothing() {
        assertThatThrownBy(() -> store.putAll(1, List.of(pub("r1", SVC, 1, 100)), EPOCH + 1))
                .isInstanceOf(SlotMovedException.class);
        Publisher expired = new Publisher("x", SVC, "client-1", "app", "zone-a", List.of(), 1, 100, EXPIRED, 1);
        assertThatThrownBy(() -> store.putAll(1, List.of(pub("r1", SVC, 1, 100), expired), EPOCH))
                .isInstanceOf(OwnerExpiredException.class);
        assertThat(saves).isEmpty();
        assertThat(store.publisherCount()).isZero();
    }
}
