package io.roster.meta.leader;

import io.roster.common.model.Slot;
import io.roster.common.model.SlotTable;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.function.IntFunction;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class LeaderLogsTest {
    private static SlotTable table(long epoch, IntFunction<String> leaderOf) {
        return new SlotTable(epoch, IntStream.range(0, 256).mapToObj(i -> new Slot(i, leaderOf.apply(i), List.of(), epoch)).toList());
    }

    @Test
    void aTableChangeIsOneLineNamingTheMovedSlotsAsRanges() {
        SlotTable before = table(4, i -> "10.0.0.1:9621");
        SlotTable after = table(5, i -> i < 64 || i >= 128 && i < 192 ? "10.0.0.2:9621" : "10.0.0.1:9621");
        String line = LeaderLogs.tableLine(before, after, 3);
        assertThat(line).isEqualTo("slot table epoch 4 -> 5: 128 slot leaders changed (slots 0-63,128-191), 3 slots migrating, "
                + "leaders per node {10.0.0.1:9621=128, 10.0.0.2:9621=128}");
        assertThat(line).doesNotContain("\n").hasSizeLessThan(200);
    }

    @Test
    void theFirstTableNamesEverySlotAsOneRange() {
        assertThat(LeaderLogs.tableLine(SlotTable.EMPTY, table(1, i -> "10.0.0.1:9621"), 0))
                .contains("256 slot leaders changed (slots 0-255), 0 slots migrating");
    }
}
