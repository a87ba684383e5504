package io.roster.common.wire;

import io.roster.common.model.InvalidInputException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PushDeflateTest {
    private static final List<byte[]> ITEMS = List.of("10.0.0.1:12200".getBytes(StandardCharsets.UTF_8), new byte[0],
            "10.0.0.2:12200".getBytes(StandardCharsets.UTF_8));

    @Test
    void itemsSurviveARoundTripInOrder() {
        List<byte[]> back = PushDeflate.inflate(PushDeflate.deflate(ITEMS), 1024);
        assertThat(back).hasSize(3);
        for (int i = 0; i < ITEMS.size(); i++) {
            assertThat(back.get(i)).isEqualTo(ITEMS.get(i));
        }
        assertThat(PushDeflate.inflate(PushDeflate.deflate(List.of()), 0)).isEmpty();
    }

    @Test
    void corruptTruncatedOrOversizedPayloadsAreRefusedByName() {
        byte[] good = PushDeflate.deflate(ITEMS);
        assertThatThrownBy(() -> PushDeflate.inflate(new byte[]{1, 2, 3, 4}, 1024))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("corrupt");
        assertThatThrownBy(() -> PushDeflate.inflate(Arrays.copyOf(good, good.length / 2), 1024))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("compressed push data");
        assertThatThrownBy(() -> PushDeflate.inflate(good, 10))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("larger than 10 bytes");
        byte[] empties = PushDeflate.deflate(java.util.Collections.nCopies(100_000, new byte[0]));
        assertThatThrownBy(() -> PushDeflate.inflate(empties, 1 << 16))
                .as("empty items count against the bound too").isInstanceOf(InvalidInputException.class);
        byte[] bomb = PushDeflate.deflate(List.of(new byte[1 << 20]));
        assertThat(bomb.length).isLessThan(5000);
        assertThatThrownBy(() -> PushDeflate.inflate(bomb, 1 << 16))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("larger than");
    }

    /**
     * Found by PushInflateFuzzTest's seed bomb-one-huge-item: an item announcing Integer.MAX_VALUE bytes overflowed
     * the int sum of its length and overhead to a negative, passed the bound, and had the client allocate 2 GiB.
     */
    @Test
    void anItemAnnouncingIntegerMaxValueBytesIsRefusedBeforeItIsAllocated() throws java.io.IOException {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.io.DataOutputStream out = new java.io.DataOutputStream(new java.util.zip.DeflaterOutputStream(bytes))) {
            out.writeInt(1);
            out.writeInt(Integer.MAX_VALUE);
            out.write(new byte[64]);
        }
        assertThatThrownBy(() -> PushDeflate.inflate(bytes.toByteArray(), 1 << 20))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("larger than");
    }
}
