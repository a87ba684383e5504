package io.roster.common.slot;

import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/** Maps a dataInfoId to its slot: CRC32 of the canonical form, modulo the slot count. Stable forever. */
public final class SlotFunction {
    private final int slotCount;

    public SlotFunction(int slotCount) {
        if (slotCount < 1) {
            throw new IllegalArgumentException("slot count must be positive: " + slotCount);
        }
        this.slotCount = slotCount;
    }

    public int slotOf(String dataInfoId) {
        CRC32 crc = new CRC32();
        crc.update(dataInfoId.getBytes(StandardCharsets.UTF_8));
        return (int) (crc.getValue() % slotCount);
    }

    public int slotCount() {
        return slotCount;
    }
}
