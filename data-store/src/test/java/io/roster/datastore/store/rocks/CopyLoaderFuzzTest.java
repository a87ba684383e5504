package io.roster.datastore.store.rocks;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.roster.common.model.ProcessId;
import io.roster.common.model.Publisher;
import io.roster.common.rpc.Protostuff;
import io.roster.common.slot.SlotFunction;
import io.roster.datastore.store.InMemorySlotStore;
import io.roster.datastore.store.rocks.CopyLoader.DamagedCopyException;
import io.roster.testkit.fuzz.FuzzInputs;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A data node's copy as it reads it back from RocksDB at start-up: the records, in key order, through the
 * {@link CopyLoader} (keys parsed, versions read, publishers decoded and matched to their keys). Whatever the records
 * hold, the only failure is {@link DamagedCopyException}: the node moves the copy aside and starts empty. Any other
 * exception would stop the node from starting. Input: records as [key length:1][key][value length:2][value], sorted
 * and deduplicated by key as RocksDB keeps them.
 */
class CopyLoaderFuzzTest {
    private static final int SLOTS = 8;

    @FuzzTest(maxDuration = "2h")
    void storedRecords(byte[] input) {
        CopyLoader loader = new CopyLoader(new SlotFunction(SLOTS), new InMemorySlotStore());
        try {
            for (Map.Entry<byte[], byte[]> r : records(input).entrySet()) {
                loader.record(r.getKey(), r.getValue());
            }
            loader.finish();
        } catch (DamagedCopyException damaged) {
            assertThat(damaged.getMessage()).isNotBlank();
            return;
        }
        assertThat(loader.publishers()).isNotNegative();
    }

    static TreeMap<byte[], byte[]> records(byte[] input) {
        TreeMap<byte[], byte[]> records = new TreeMap<>(Arrays::compareUnsigned);
        int at = 0;
        while (at < input.length) {
            int keyLength = Byte.toUnsignedInt(input[at++]);
            byte[] key = Arrays.copyOfRange(input, at, Math.min(input.length, at + keyLength));
            at += key.length;
            int valueLength = at + 1 < input.length ? (Byte.toUnsignedInt(input[at]) << 8 | Byte.toUnsignedInt(input[at + 1])) : 0;
            at += 2;
            byte[] value = at < input.length ? Arrays.copyOfRange(input, at, Math.min(input.length, at + valueLength)) : new byte[0];
            at += value.length;
            records.put(key, value);
        }
        return records;
    }

    @Test
    void theCorpusHoldsAValidCopy() {
        String id = "svc#@#DEFAULT_INSTANCE_ID#@#DEFAULT_GROUP";
        int slot = new SlotFunction(SLOTS).slotOf(id);
        ProcessId session = new ProcessId("127.0.0.1:9601", 1234L, 42L);
        ByteArrayOutputStream copy = new ByteArrayOutputStream();
        put(copy, StoreKeys.FORMAT_KEY, ("rocks-v1 slots=" + SLOTS).getBytes(StandardCharsets.UTF_8));
        put(copy, StoreKeys.datumKey(slot, id), StoreKeys.version(7));
        for (String r : List.of("r1", "r2")) {
            Publisher p = new Publisher(r, id, "c1", "app", "", List.of("10.0.0.1:12200".getBytes(StandardCharsets.UTF_8)),
                    3, 99, session);
            put(copy, StoreKeys.publisherKey(slot, id, r), Protostuff.encode(p));
        }
        put(copy, StoreKeys.collectedKey(slot), StoreKeys.version(5));
        byte[] seed = copy.toByteArray();
        CopyLoader loader = new CopyLoader(new SlotFunction(SLOTS), new InMemorySlotStore());
        records(seed).forEach(loader::record);
        loader.finish();
        assertThat(loader.publishers()).isEqualTo(2);
        FuzzInputs corpus = FuzzInputs.of(CopyLoaderFuzzTest.class, "storedRecords");
        corpus.writeSeedIfAsked("valid-copy", seed);
        assertThat(corpus.contains(seed)).isTrue();
    }

    private static void put(ByteArrayOutputStream out, byte[] key, byte[] value) {
        out.write(key.length);
        out.writeBytes(key);
        out.write(value.length >> 8);
        out.write(value.length & 0xFF);
        out.writeBytes(value);
    }
}
