package io.roster.datastore.store;

import io.roster.common.model.Datum;
import io.roster.common.model.ProcessId;
import io.roster.common.model.Publisher;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Reads of the changes since a version: O(change) when the datum's log reaches back, whole otherwise. */
class ChangesSinceTest {
    private static final String SVC = "com.example.Echo#@#DEFAULT_INSTANCE_ID#@#DEFAULT_GROUP";
    private static final ProcessId S1 = new ProcessId("127.0.0.1:9601", 1000, 11);
    private static final long EPOCH = 3;

    private final InMemorySlotStore store = new InMemorySlotStore();

    private static Publisher pub(String registerId, long version, long registeredAt) {
        return new Publisher(registerId, SVC, "client-1", "app", "zone-a",
                List.of(("d" + version).getBytes(StandardCharsets.UTF_8)), version, registeredAt, S1);
    }

    /** Writes r1..r3, then reads once (which starts the log); returns the version read. */
    private long trackedWithThree() {
        store.put(1, pub("r1", 1, 10), EPOCH);
        store.put(1, pub("r2", 1, 20), EPOCH);
        store.put(1, pub("r3", 1, 30), EPOCH);
        DatumRead first = store.read(SVC, 0, EPOCH);
        assertThat(first.isDelta()).isFalse();
        return first.version();
    }

    @Test
    void putsRemovalsAndReplacementsSinceAKnownVersionComeAsADeltaOfCurrentObjects() {
        long base = trackedWithThree();
        store.put(1, pub("r4", 1, 40), EPOCH);
        store.put(1, pub("r2", 2, 20), EPOCH); // replaced
        store.remove(1, SVC, "r1", S1, 50, EPOCH);
        store.put(1, pub("r5", 1, 60), EPOCH);
        store.remove(1, SVC, "r5", S1, 70, EPOCH); // came and went: reported removed, harmless

        DatumRead delta = store.read(SVC, base, EPOCH);
        Datum now = store.get(SVC);
        assertThat(delta.isDelta()).isTrue();
        assertThat(delta.baseVersion()).isEqualTo(base);
        assertThat(delta.version()).isEqualTo(now.version());
        assertThat(delta.publisherCount()).isEqualTo(3);
        assertThat(delta.changed()).extracting(Publisher::registerId).containsExactlyInAnyOrder("r4", "r2");
        assertThat(delta.changed()).filteredOn(p -> p.registerId().equals("r2")).singleElement()
                .extracting(Publisher::version).isEqualTo(2L);
        assertThat(delta.removed()).containsExactlyInAnyOrder("r1", "r5");

        assertThat(store.read(SVC, now.version(), EPOCH).isDelta()).as("nothing since the current version").isTrue();
        assertThat(store.read(SVC, now.version(), EPOCH).changed()).isEmpty();
    }

    @Test
    void anUnknownZeroOrTooOldBaseGetsTheWholeDatum() {
        long base = trackedWithThree();
        store.put(1, pub("r4", 1, 40), EPOCH);
        assertThat(store.read(SVC, 0, EPOCH).isDelta()).isFalse();
        assertThat(store.read(SVC, base + 12345, EPOCH).isDelta()).as("a version never held").isFalse();
        assertThat(store.read(SVC, base, EPOCH).isDelta()).isTrue();

        for (int i = 0; i < ChangeLog.DEPTH; i++) {
            store.put(1, pub("r4", 2 + i, 40), EPOCH);
        }
        DatumRead old = store.read(SVC, base, EPOCH);
        assertThat(old.isDelta()).as("beyond the log's depth").isFalse();
        assertThat(old.whole().publishers()).hasSize(4);
    }

    @Test
    void anUntrackedDatumIsReadWholeAndTrackedFromThatReadOn() {
        store.put(1, pub("r1", 1, 10), EPOCH);
        long v1 = store.get(SVC).version();
        store.put(1, pub("r2", 1, 20), EPOCH);
        assertThat(store.read(SVC, v1, EPOCH).isDelta()).as("no log before the first read").isFalse();
        long v2 = store.get(SVC).version();
        store.put(1, pub("r3", 1, 30), EPOCH);
        assertThat(store.read(SVC, v2, EPOCH).changed()).extracting(Publisher::registerId).containsExactly("r3");
    }

    @Test
    void aReplicaInstallClearsTheLog() {
        long base = trackedWithThree();
        store.put(1, pub("r4", 1, 40), EPOCH);
        Datum now = store.get(SVC);
        store.install(1, EPOCH, new Datum(SVC, now.version() + 1, List.of(pub("r9", 1, 90))));
        DatumRead read = store.read(SVC, base, EPOCH);
        assertThat(read.isDelta()).isFalse();
        assertThat(read.whole().publishers()).extracting(Publisher::registerId).containsExactly("r9");
        assertThat(store.read(SVC, now.version(), EPOCH).isDelta()).as("not even from the version before the install").isFalse();
    }

    @Test
    void aNewLeaderEpochOfTheSlotStartsTheLogOver() {
        long base = trackedWithThree();
        store.put(1, pub("r4", 1, 40), EPOCH);
        assertThat(store.read(SVC, base, EPOCH + 1).isDelta()).as("read under another leaderEpoch").isFalse();
        long beforeTheNewLeader = store.get(SVC).version();
        store.put(1, pub("r5", 1, 50), EPOCH + 1);
        assertThat(store.read(SVC, base, EPOCH + 1).isDelta()).isFalse();
        assertThat(store.read(SVC, beforeTheNewLeader, EPOCH + 1).isDelta()).as("not across the change of leader").isFalse();
        long v = store.get(SVC).version();
        store.put(1, pub("r6", 1, 60), EPOCH + 1);
        assertThat(store.read(SVC, v, EPOCH + 1).changed()).extracting(Publisher::registerId).containsExactly("r6");
    }

    @Test
    void aRestoreFromDiskClearsTheLog() {
        long base = trackedWithThree();
        Datum before = store.get(SVC);
        store.restore(1, new Datum(SVC, before.version() + 1, List.of(pub("r1", 1, 10))));
        assertThat(store.read(SVC, base, EPOCH).isDelta()).isFalse();
    }

    @Test
    void aDroppedSlotWrittenAgainHasNoLogAcrossTheDrop() {
        long base = trackedWithThree();
        store.dropSlot(1);
        store.put(1, pub("r1", 1, 10), EPOCH);
        store.put(1, pub("r2", 1, 20), EPOCH);
        store.put(1, pub("r3", 1, 30), EPOCH);
        store.put(1, pub("r4", 1, 40), EPOCH);
        assertThat(store.read(SVC, base, EPOCH).isDelta()).isFalse();
    }

    @Test
    void theLogKeepsAtMostItsDepthAndItsIdBound() {
        ChangeLog log = ChangeLog.started(EPOCH);
        for (int i = 1; i <= 40; i++) {
            log = log.append(i, List.of("r" + i));
        }
        assertThat(log.size()).isEqualTo(ChangeLog.DEPTH);
        assertThat(log.touchedSince(40 - ChangeLog.DEPTH + 1, 41)).hasSize(ChangeLog.DEPTH);
        assertThat(log.touchedSince(40 - ChangeLog.DEPTH, 41)).isNull();

        List<String> many = java.util.stream.IntStream.range(0, ChangeLog.MAX_IDS).mapToObj(i -> "x" + i).toList();
        assertThat(log.append(41, many).size()).as("one edit as large as the bound keeps only itself").isEqualTo(1);
    }
}
