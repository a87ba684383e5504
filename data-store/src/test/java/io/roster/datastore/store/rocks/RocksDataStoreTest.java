package io.roster.datastore.store.rocks;

import io.roster.common.model.Datum;
import io.roster.common.model.ProcessId;
import io.roster.common.model.Publisher;
import io.roster.common.rpc.Protostuff;
import io.roster.common.slot.SlotFunction;
import io.roster.datastore.store.DataDirException;
import io.roster.datastore.store.OpenedStore;
import io.roster.datastore.store.StoreProperties;
import io.roster.datastore.store.SlotStore;
import io.roster.testkit.wire.PublisherWithoutGeneration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Timeout(60)
class RocksDataStoreTest {
    private static final int SLOTS = 16;
    private static final SlotFunction SLOT_FUNCTION = new SlotFunction(SLOTS);
    private static final ProcessId S1 = new ProcessId("127.0.0.1:9601", 1000, 11);
    private static final ProcessId S2 = new ProcessId("127.0.0.1:9602", 2000, 22);
    private static final long EPOCH = 4;

    @TempDir
    Path tmp;

    private Path dir() {
        return tmp.resolve("data-1");
    }

    private static String id(int n) {
        return "com.example.Service" + n + "#@#DEFAULT_INSTANCE_ID#@#DEFAULT_GROUP";
    }

    private static Publisher pub(String registerId, String dataInfoId, long version, ProcessId session) {
        return new Publisher(registerId, dataInfoId, "client-" + registerId, "app", "zone-a",
                List.of(("10.0.0.1:" + registerId).getBytes(StandardCharsets.UTF_8), new byte[0]), version, 100 + version, session);
    }

    private static void put(SlotStore store, Publisher p) {
        store.put(SLOT_FUNCTION.slotOf(p.dataInfoId()), p, EPOCH);
    }

    /** Writes a copy exercising every kind of write, closes it, and returns what it held. */
    private Map<String, Datum> writeCopy() throws Exception {
        try (OpenedStore opened = RocksDataStore.open(dir(), SLOTS)) {
            SlotStore s = opened.store();
            for (int i = 0; i < 40; i++) {
                put(s, pub("r" + i, id(i % 10), 1, i % 2 == 0 ? S1 : S2));
            }
            put(s, pub("r1", id(1), 2, S2));                                           // republish
            s.remove(SLOT_FUNCTION.slotOf(id(2)), id(2), "r2", S1, EPOCH);              // unpublish
            s.removeSession(S2, Map.of(SLOT_FUNCTION.slotOf(id(3)), EPOCH));            // session expiry in one slot
            s.install(SLOT_FUNCTION.slotOf(id(20)), 1, new Datum(id(20), 999, List.of(pub("f", id(20), 1, S1))));
            s.install(SLOT_FUNCTION.slotOf(id(4)), 1, Datum.absent(id(4)));                // follower delete
            for (int i = 0; i < 10; i++) {
                assertThat(s.get(id(i)).publishers()).isNotNull();
            }
            return snapshot(s);
        }
    }

    private static Map<String, Datum> snapshot(SlotStore s) {
        java.util.TreeMap<String, Datum> out = new java.util.TreeMap<>();
        for (int slot = 0; slot < SLOTS; slot++) {
            s.datums(slot).forEach(d -> out.put(d.dataInfoId(), d));
        }
        return out;
    }

    @Test
    void aReopenedCopyHoldsExactlyWhatWasWrittenTombstonesAndVersionsIncluded() throws Exception {
        Map<String, Datum> written = writeCopy();
        assertThat(written).containsKey(id(3)).doesNotContainKey(id(4));

        try (OpenedStore back = RocksDataStore.open(dir(), SLOTS)) {
            assertThat(snapshot(back.store())).isEqualTo(written);
            assertThat(back.report().damaged()).isFalse();
            assertThat(back.report().publishers()).isEqualTo(back.store().publisherCount())
                    .isEqualTo(written.values().stream().mapToLong(d -> d.publishers().size()).sum());
            assertThat(back.report().datums()).isEqualTo(back.store().datumCount());
            assertThat(back.store().slots()).isEqualTo(Stream.of(written.keySet().toArray(String[]::new))
                    .map(SLOT_FUNCTION::slotOf).collect(java.util.stream.Collectors.toCollection(java.util.TreeSet::new)));
            // Versions continue from the reloaded ones.
            long v = back.store().get(id(1)).version();
            assertThat(back.store().put(SLOT_FUNCTION.slotOf(id(1)), pub("new", id(1), 1, S1), EPOCH).version()).isEqualTo(v + 1);
        }
    }

    @Test
    void aCollectedTombstoneIsGoneAfterARestartAndADatumCreatedAgainStaysAboveItsVersion() throws Exception {
        int slot = SLOT_FUNCTION.slotOf(id(5));
        long tombstone;
        try (OpenedStore opened = RocksDataStore.open(dir(), SLOTS)) {
            SlotStore s = opened.store();
            for (int i = 1; i <= 3; i++) {
                put(s, pub("a", id(5), i, S1));
            }
            tombstone = s.remove(slot, id(5), "a", S1, EPOCH).version();
            put(s, pub("b", id(6), 1, S1));
            s.remove(SLOT_FUNCTION.slotOf(id(6)), id(6), "b", S1, EPOCH);
            io.roster.datastore.store.TombstoneCollector collector = new io.roster.datastore.store.TombstoneCollector(s, 1_000);
            collector.sweep(0);
            assertThat(collector.sweep(999)).isZero();
            assertThat(collector.sweep(1_000)).isEqualTo(2);
        }
        try (OpenedStore back = RocksDataStore.open(dir(), SLOTS)) {
            SlotStore s = back.store();
            assertThat(snapshot(s)).isEmpty();
            assertThat(s.collectedHigh(slot)).isEqualTo(tombstone);
            assertThat(s.put(slot, pub("a", id(5), 4, S1), EPOCH).version()).isGreaterThan(tombstone);
        }
    }

    @Test
    void aDroppedSlotIsGoneAfterARestart() throws Exception {
        int slot = SLOT_FUNCTION.slotOf(id(5));
        try (OpenedStore opened = RocksDataStore.open(dir(), SLOTS)) {
            put(opened.store(), pub("a", id(5), 1, S1));
            put(opened.store(), pub("b", id(6), 1, S1));
            opened.store().dropSlot(slot);
        }
        try (OpenedStore back = RocksDataStore.open(dir(), SLOTS)) {
            assertThat(back.store().slots()).doesNotContain(slot);
            assertThat(back.store().get(id(5)).version()).isZero();
            assertThat(back.store().get(id(6)).publishers()).hasSize(SLOT_FUNCTION.slotOf(id(6)) == slot ? 0 : 1);
        }
    }

    @Test
    void aCopyWrittenForAnotherSlotCountStopsStartUpNamingTheKey() throws Exception {
        writeCopy();

        assertThatThrownBy(() -> RocksDataStore.open(dir(), 32)).isInstanceOf(DataDirException.class)
                .hasMessageContaining("cluster.slots=16").hasMessageContaining("cluster.slots=32").hasMessageContaining(dir().toString());
        assertThat(dir()).exists();
    }

    @Test
    void aDirectoryInUseByAnotherStoreStopsStartUp() throws Exception {
        try (OpenedStore first = RocksDataStore.open(dir(), SLOTS)) {
            assertThatThrownBy(() -> RocksDataStore.open(dir(), SLOTS)).isInstanceOf(DataDirException.class)
                    .hasMessageContaining(dir().toString()).hasMessageContaining("another data node");
        }
    }

    @Test
    void aCorruptTableFileIsMovedAsideAndTheNodeStartsEmpty() throws Exception {
        writeCopy();
        Path sst = onlyFile(".sst");
        try (RandomAccessFile f = new RandomAccessFile(sst.toFile(), "rw")) {
            for (long at = 0; at < f.length() / 2; at += 7) {
                f.seek(at);
                f.write(0x5A);
            }
        }
        assertDamagedAndEmpty();
    }

    @Test
    void aTruncatedTableFileIsMovedAsideAndTheNodeStartsEmpty() throws Exception {
        writeCopy();
        Path sst = onlyFile(".sst");
        try (RandomAccessFile f = new RandomAccessFile(sst.toFile(), "rw")) {
            f.setLength(f.length() / 3);
        }
        assertDamagedAndEmpty();
    }

    @Test
    void aTruncatedManifestLosesAtMostTheCopyAndNeverLoadsAMix() throws Exception {
        Map<String, Datum> written = writeCopy();
        Path manifest = onlyFile("MANIFEST-");
        try (RandomAccessFile f = new RandomAccessFile(manifest.toFile(), "rw")) {
            f.setLength(f.length() / 2);
        }
        // RocksDB recovers the manifest up to its last whole record, which may predate the flush of the data: the
        // copy then comes back older or empty, which the node's diff repairs; what it loads must be sound.
        try (OpenedStore back = RocksDataStore.open(dir(), SLOTS)) {
            if (!back.report().damaged()) {
                assertThat(written.values()).containsAll(snapshot(back.store()).values());
            }
            put(back.store(), pub("after", id(1), 9, S1));
        }
    }

    @Test
    void aRecordThatDoesNotDecodeIsDamageEvenWhenRocksDbChecksumsPass() throws Exception {
        writeCopy();
        RocksDB.loadLibrary();
        try (Options o = new Options(); RocksDB raw = RocksDB.open(o, dir().toString())) {
            raw.put(StoreKeys.publisherKey(SLOT_FUNCTION.slotOf(id(7)), id(7), "r7"), new byte[]{(byte) 0xFF, 1, 2});
        }
        assertDamagedAndEmpty();
    }

    @Test
    void theConnectionGenerationSurvivesARestartAndAnOlderRecordLoadsWithGenerationZero() throws Exception {
        Publisher moved = new Publisher("m", id(8), "c", "app", "", List.of(new byte[]{1}), 1, 5, S2, 3);
        Publisher old = pub("o", id(8), 1, S1);
        try (OpenedStore opened = RocksDataStore.open(dir(), SLOTS)) {
            put(opened.store(), moved);
            put(opened.store(), old);
        }
        try (Options o = new Options(); RocksDB raw = RocksDB.open(o, dir().toString())) {
            // Rewritten as a node that predates the field wrote it.
            raw.put(StoreKeys.publisherKey(SLOT_FUNCTION.slotOf(id(8)), id(8), "o"),
                    Protostuff.encode(new PublisherWithoutGeneration(old)));
        }
        try (OpenedStore back = RocksDataStore.open(dir(), SLOTS)) {
            assertThat(back.report().damaged()).isFalse();
            assertThat(back.store().get(id(8)).publishers()).containsExactlyInAnyOrder(moved, old)
                    .extracting(Publisher::connectionGeneration).containsExactlyInAnyOrder(3L, 0L);
        }
    }

    @Test
    void aRecordInTheWrongSlotIsDamage() throws Exception {
        writeCopy();
        int wrong = (SLOT_FUNCTION.slotOf(id(7)) + 1) % SLOTS;
        try (Options o = new Options(); RocksDB raw = RocksDB.open(o, dir().toString())) {
            raw.put(StoreKeys.datumKey(wrong, id(7)), StoreKeys.version(5));
        }
        assertDamagedAndEmpty();
    }

    private void assertDamagedAndEmpty() throws Exception {
        try (OpenedStore back = RocksDataStore.open(dir(), SLOTS)) {
            assertThat(back.report().damaged()).isTrue();
            assertThat(back.report().movedAside()).exists().isDirectory();
            assertThat(back.report().movedAside().getFileName().toString()).startsWith("data-1.damaged-");
            assertThat(back.report().toString()).contains("damaged", dir().toString());
            assertThat(back.store().publisherCount()).isZero();
            assertThat(back.store().slots()).isEmpty();
            put(back.store(), pub("after", id(1), 1, S1));
        }
        try (OpenedStore again = RocksDataStore.open(dir(), SLOTS)) {
            assertThat(again.report().damaged()).as("the fresh copy is sound").isFalse();
            assertThat(again.store().get(id(1)).publishers()).extracting(Publisher::registerId).containsExactly("after");
        }
    }

    private Path onlyFile(String namePart) throws IOException {
        try (Stream<Path> files = Files.list(dir())) {
            List<Path> found = files.filter(p -> p.getFileName().toString().contains(namePart)).toList();
            assertThat(found).as("files named *%s* in %s", namePart, dir()).hasSize(1);
            return found.get(0);
        }
    }

    @Test
    void theStoreSizeIsReadableWhileOpenGrowsWithWritesAndReadsUnavailableOnceClosed() throws Exception {
        OpenedStore opened = RocksDataStore.open(dir(), SLOTS);
        long memtablesBefore;
        try (opened) {
            memtablesBefore = opened.properties().read("rocksdb.cur-size-all-mem-tables");
            assertThat(opened.properties().read("rocksdb.total-sst-files-size")).isGreaterThanOrEqualTo(0);
            for (int i = 0; i < 40; i++) {
                put(opened.store(), pub("r" + i, id(i % 10), 1, S1));
            }
            assertThat(opened.properties().read("rocksdb.cur-size-all-mem-tables")).isGreaterThan(memtablesBefore);
            assertThat(opened.properties().read("rocksdb.no-such-property")).isEqualTo(StoreProperties.UNAVAILABLE);
        }
        // reading a closed RocksDB handle would crash the JVM: after close every property is unavailable
        assertThat(opened.properties().read("rocksdb.total-sst-files-size")).isEqualTo(StoreProperties.UNAVAILABLE);
    }
}
