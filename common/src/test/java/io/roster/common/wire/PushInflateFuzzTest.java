package io.roster.common.wire;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.roster.common.fuzz.FuzzInputs;
import io.roster.common.model.InvalidInputException;
import org.junit.jupiter.api.Test;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The deflated data of a push, as a client inflates it: whatever the bytes, inflating either returns items whose
 * bytes stay within the bound or raises {@link InvalidInputException}; never another exception, never an allocation
 * past the bound (an inflate bomb), never a hang.
 */
class PushInflateFuzzTest {
    private static final long BOUND = 1 << 20;

    @FuzzTest(maxDuration = "2h")
    void pushDeflate(byte[] input) {
        List<byte[]> items;
        try {
            items = PushDeflate.inflate(input, BOUND);
        } catch (InvalidInputException refused) {
            return;
        }
        assertThat(items.stream().mapToLong(i -> i.length).sum()).isLessThanOrEqualTo(BOUND);
        assertThat(PushDeflate.inflate(PushDeflate.deflate(items), BOUND)).containsExactlyElementsOf(items);
    }

    @FuzzTest(maxDuration = "2h")
    void pushEntriesDeflate(byte[] input) {
        PushEntriesDeflate.Entries plain;
        try {
            plain = PushEntriesDeflate.inflate(input, BOUND);
        } catch (InvalidInputException refused) {
            return;
        }
        long bytes = plain.entries().stream().flatMap(e -> e.items().stream()).mapToLong(i -> i.length).sum();
        assertThat(bytes).isLessThanOrEqualTo(BOUND);
        assertThat(plain.entries()).doesNotContainNull();
    }

    /** Valid payloads and inflate bombs seed the corpus; the bombs are refused before their items are allocated. */
    @Test
    void theCorpusHoldsValidPayloadsAndInflateBombs() throws IOException {
        byte[] items = PushDeflate.deflate(List.of("10.0.0.1:12200".getBytes(), new byte[0], new byte[300]));
        byte[] oneHugeItem = deflated(out -> {
            out.writeInt(1);
            out.writeInt(Integer.MAX_VALUE);
            out.write(new byte[4096]);
        });
        byte[] zeros = deflated(out -> { // 16 MiB of zeros in about 16 KiB: an item of (1 MiB + 1) bytes, then zeros
            out.writeInt(1);
            out.writeInt((int) BOUND + 1);
            byte[] chunk = new byte[1 << 20];
            for (int i = 0; i < 16; i++) {
                out.write(chunk);
            }
        });
        byte[] manyEmpty = deflated(out -> {
            out.writeInt(1 << 17); // twice what the 1 MiB budget allows at 16 bytes each
            for (int i = 0; i < 1 << 17; i++) {
                out.writeInt(0);
            }
        });
        assertThat(zeros.length).isLessThan(50_000);
        for (byte[] bomb : List.of(oneHugeItem, zeros, manyEmpty)) {
            assertThatThrownBy(() -> PushDeflate.inflate(bomb, BOUND)).isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("larger than " + BOUND);
        }
        FuzzInputs plainCorpus = FuzzInputs.of(PushInflateFuzzTest.class, "pushDeflate");
        seed(plainCorpus, "valid-items", items);
        seed(plainCorpus, "bomb-one-huge-item", oneHugeItem);
        seed(plainCorpus, "bomb-16MiB-of-zeros", zeros);
        seed(plainCorpus, "bomb-131072-empty-items", manyEmpty);

        List<PushEntry> entries = new ArrayList<>();
        entries.add(new PushEntry("k1", 3, List.of("a".getBytes(), new byte[0])));
        entries.add(new PushEntry("k2", 4, List.of()));
        byte[] keyed = PushEntriesDeflate.deflate(entries, List.of("gone"));
        byte[] manyKeys = deflated(out -> {
            out.writeInt(1 << 17);
            for (int i = 0; i < 1 << 17; i++) {
                out.writeUTF("");
                out.writeLong(i);
                out.writeInt(0);
            }
        });
        assertThatThrownBy(() -> PushEntriesDeflate.inflate(manyKeys, BOUND)).isInstanceOf(InvalidInputException.class);
        FuzzInputs keyedCorpus = FuzzInputs.of(PushInflateFuzzTest.class, "pushEntriesDeflate");
        seed(keyedCorpus, "valid-entries", keyed);
        seed(keyedCorpus, "bomb-131072-empty-entries", manyKeys);
    }

    private static void seed(FuzzInputs corpus, String name, byte[] seed) {
        corpus.writeSeedIfAsked(name, seed);
        assertThat(corpus.contains(seed)).as(name).isTrue();
    }

    private interface Writing {
        void to(DataOutputStream out) throws IOException;
    }

    private static byte[] deflated(Writing writing) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION);
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(new DeflaterOutputStream(bytes, deflater), 1 << 16))) {
            writing.to(out);
        } finally {
            deflater.end();
        }
        return bytes.toByteArray();
    }
}
