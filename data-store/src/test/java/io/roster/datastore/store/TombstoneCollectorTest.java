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

/** Tombstone collection driven by an explicit clock: each sweep is handed "now". */
class TombstoneCollectorTest {
    private static final ProcessId S1 = new ProcessId("127.0.0.1:9601", 1000, 11);
    private static final long EPOCH = 3;
    private static final int SLOT = 1;
    private static final long GRACE = 60_000;

    private final SlotStore store = new InMemorySlotStore();
    private final TombstoneCollector collector = new TombstoneCollector(store, GRACE);

    private static String id(int n) {
        return "com.example.Service" + n + "#@#DEFAULT_INSTANCE_ID#@#DEFAULT_GROUP";
    }

    private static Publisher pub(String registerId, String dataInfoId, long version) {
        return new Publisher(registerId, dataInfoId, "client-1", "app", "zone-a",
                List.of("10.0.0.1:80".getBytes(StandardCharsets.UTF_8)), version, 100 + version, S1);
    }

    private long createAndDelete(String dataInfoId) {
        store.put(SLOT, pub("r1", dataInfoId, 1), EPOCH);
        return store.remove(SLOT, dataInfoId, "r1", S1, EPOCH).version();
    }

    @Test
    void createDeleteCyclesLeaveNoTombstonesOnceTheGraceHasPassed() {
        for (int i = 0; i < 100; i++) {
            createAndDelete(id(i));
        }
        collector.sweep(0);

        assertThat(collector.sweep(GRACE)).isEqualTo(100);

        assertThat(store.datums(SLOT)).isEmpty();
        assertThat(store.slots()).doesNotContain(SLOT);
        assertThat(store.get(id(7)).version()).isZero();
    }

    @Test
    void aTombstoneYoungerThanTheGraceStays() {
        long tombstone = createAndDelete(id(1));
        collector.sweep(1_000);

        assertThat(collector.sweep(1_000 + GRACE - 1)).isZero();

        assertThat(store.datums(SLOT)).containsExactly(new Datum(id(1), tombstone, List.of()));
    }

    @Test
    void aDatumRecreatedAfterCollectionGetsAVersionAboveItsOldTombstone() {
        createAndDelete(id(1));
        store.put(SLOT, pub("r1", id(1), 2), EPOCH);
        long tombstone = store.remove(SLOT, id(1), "r1", S1, EPOCH).version();
        assertThat(tombstone).isEqualTo(DatumVersions.floor(EPOCH) + 4);
        collector.sweep(0);
        collector.sweep(GRACE);
        assertThat(store.collectedHigh(SLOT)).isEqualTo(tombstone);

        // Same leaderEpoch: the epoch floor alone would hand out floor + 1 again, below what subscribers hold.
        long recreated = store.put(SLOT, pub("r1", id(1), 3), EPOCH).version();

        assertThat(recreated).isGreaterThan(tombstone);
    }

    @Test
    void aTombstonePublishedAgainDuringTheGraceIsKeptAndItsGraceStartsOverWhenEmptiedAgain() {
        createAndDelete(id(1));
        collector.sweep(0);
        store.put(SLOT, pub("r1", id(1), 2), EPOCH);
        long second = store.remove(SLOT, id(1), "r1", S1, EPOCH).version();

        assertThat(collector.sweep(GRACE)).isZero();
        assertThat(store.get(id(1)).version()).isEqualTo(second);
        assertThat(collector.sweep(2 * GRACE)).isEqualTo(1);
    }

    @Test
    void aCollectionRaceWithAPublishRemovesNothing() {
        long tombstone = createAndDelete(id(1));
        store.put(SLOT, pub("r1", id(1), 2), EPOCH);

        assertThat(store.collectTombstones(SLOT, Map.of(id(1), tombstone))).isZero();

        assertThat(store.get(id(1)).publishers()).hasSize(1);
        assertThat(store.collectedHigh(SLOT)).isZero();
    }

    @Test
    void aFollowerCollectsTheTombstoneItsLeaderPushedAfterTheSameGrace() {
        SlotStore follower = new InMemorySlotStore();
        TombstoneCollector followerCollector = new TombstoneCollector(follower, GRACE);
        long leaderEpoch = 5;
        long tombstone = DatumVersions.floor(leaderEpoch) + 2;
        follower.install(SLOT, leaderEpoch, new Datum(id(1), tombstone, List.of()));
        followerCollector.sweep(0);

        assertThat(followerCollector.sweep(GRACE)).isEqualTo(1);

        assertThat(follower.datums(SLOT)).isEmpty();
        assertThat(follower.collectedHigh(SLOT)).isEqualTo(tombstone);
        // The leader's datum of the same name, created again later, is installed as the leader sent it.
        assertThat(follower.install(SLOT, leaderEpoch, new Datum(id(1), tombstone + 1, List.of(pub("r1", id(1), 3))))).isTrue();
    }
}
