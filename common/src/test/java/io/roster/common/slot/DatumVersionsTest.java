package io.roster.common.slot;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DatumVersionsTest {
    @Test
    void versionsRiseWithinAnEpochAndJumpAboveEveryOlderEpoch() {
        long v = 0;
        for (int i = 0; i < 1000; i++) {
            long next = DatumVersions.next(v, 3);
            assertThat(next).isGreaterThan(v);
            v = next;
        }
        long afterFailover = DatumVersions.next(0, 4);
        assertThat(afterFailover).isGreaterThan(v);
        assertThat(DatumVersions.epochOf(afterFailover)).isEqualTo(4);
        assertThat(DatumVersions.next(afterFailover, 3)).isGreaterThan(afterFailover);
    }

    @Test
    void slotFunctionIsStableAndInRange() {
        SlotFunction f = new SlotFunction(256);
        int s = f.slotOf("com.example.EchoService#@#DEFAULT_INSTANCE_ID#@#DEFAULT_GROUP");
        assertThat(s).isBetween(0, 255).isEqualTo(f.slotOf("com.example.EchoService#@#DEFAULT_INSTANCE_ID#@#DEFAULT_GROUP"));
    }
}
