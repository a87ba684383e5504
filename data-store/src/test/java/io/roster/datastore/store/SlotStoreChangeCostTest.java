package io.roster.datastore.store;

import io.roster.common.model.Datum;
import io.roster.common.model.ProcessId;
import io.roster.common.model.Publisher;
import io.roster.datastore.store.DatumPersistence.DatumUpdate;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A write to a datum of many publishers costs what it changes: persisted keys, and readers' snapshots untouched. */
class SlotStoreChangeCostTest {
    private static final String SVC = "com.example.Echo#@#DEFAULT_INSTANCE_ID#@#DEFAULT_GROUP";
    private static final ProcessId S1 = new ProcessId("127.0.0.1:9601", 1000, 11);
    private static final ProcessId S2 = new ProcessId("127.0.0.1:9602", 2000, 22);
    private static final long EPOCH = 3;
    private static final int N = 500;

    private final List<DatumUpdate> saved = new ArrayList<>();
    private final InMemorySlotStore store = new InMemorySlotStore(new DatumPersistence() {
        @Override
        public void save(int slot, List<DatumUpdate> updates) {
            saved.addAll(updates);
        }

        @Override
        public void dropSlot(int slot) {
        }

        @Override
        public void close() {
        }
    }, SlotGuard.NONE);

    private static Publisher pub(String registerId, long version, long registeredAt, ProcessId session) {
        return new Publisher(registerId, SVC, "client-" + registerId, "app", "zone-a", List.of(new byte[]{(byte) version}),
                version, registeredAt, session);
    }

    private Datum fill() {
        for (int i = 0; i < N; i++) {
            store.put(1, pub("r" + i, 1, i, i % 2 == 0 ? S1 : S2), EPOCH);
        }
        saved.clear();
        return store.get(SVC);
    }

    @Test
    void eachWritePersistsOnlyThePublishersItTouched() {
        Datum before = fill();

        store.put(1, pub("new", 1, N, S1), EPOCH);
        store.put(1, pub("r7", 2, 7, S2), EPOCH);
        store.remove(1, SVC, "r8", S1, EPOCH);
        store.clientOff(S2, "client-r9", Long.MAX_VALUE, Map.of(1, EPOCH));

        assertThat(saved).hasSize(4);
        assertThat(saved.get(0).written()).extracting(Publisher::registerId).containsExactly("new");
        assertThat(saved.get(0).removed()).isEmpty();
        assertThat(saved.get(1).written()).extracting(Publisher::registerId).containsExactly("r7");
        assertThat(saved.get(2).written()).isEmpty();
        assertThat(saved.get(2).removed()).containsExactly("r8");
        assertThat(saved.get(3).removed()).containsExactly("r9");
        assertThat(saved).extracting(DatumUpdate::version).isSorted().doesNotHaveDuplicates();

        // A reader's snapshot is immutable: it still shows the datum as it was when read.
        assertThat(before.publishers()).hasSize(N).extracting(Publisher::registerId).contains("r8", "r9").doesNotContain("new");
        Datum after = store.get(SVC);
        assertThat(after.publishers()).hasSize(N - 1).extracting(Publisher::registerId)
                .contains("new").doesNotContain("r8", "r9");
        assertThat(after.publishers()).isSortedAccordingTo(PublisherOrder.ORDER);
        assertThat(store.get(SVC)).as("built once per version").isSameAs(after);
        assertThat(store.publisherCount()).isEqualTo(N - 1);
    }

    @Test
    void aSessionSyncPersistsWhatItChangedOnly() {
        fill();
        List<Publisher> s1 = new ArrayList<>();
        for (int i = 0; i < N; i += 2) {
            s1.add(i == 4 ? pub("r4", 2, 4, S1) : pub("r" + i, 1, i, S1));
        }
        s1.remove(pub("r10", 1, 10, S1));

        store.syncSession(1, S1, N, s1, EPOCH);

        assertThat(saved).hasSize(1);
        assertThat(saved.get(0).written()).extracting(Publisher::registerId).containsExactly("r4");
        assertThat(saved.get(0).removed()).containsExactly("r10");
    }

    @Test
    void aFollowerInstallPersistsTheDifferenceOnly() {
        Datum leader = fill();
        InMemorySlotStore follower = store;
        List<Publisher> next = new ArrayList<>(leader.publishers());
        next.remove(3);
        next.set(5, pub(next.get(5).registerId(), 9, next.get(5).registerTimestamp(), next.get(5).sessionProcessId()));

        follower.install(1, EPOCH, new Datum(SVC, leader.version() + 2, next));

        assertThat(saved).hasSize(1);
        assertThat(saved.get(0).removed()).containsExactly(leader.publishers().get(3).registerId());
        assertThat(saved.get(0).written()).containsExactly(next.get(5));
        assertThat(follower.install(1, EPOCH, new Datum(SVC, leader.version() + 2, next))).isFalse();
    }
}
