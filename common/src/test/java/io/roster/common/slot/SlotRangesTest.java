package io.roster.common.slot;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class SlotRangesTest {
    @Test
    void consecutiveSlotsBecomeRanges() {
        List<Integer> halves = IntStream.range(0, 256).filter(s -> s < 64 || s >= 128 && s < 192).boxed().toList();
        assertThat(SlotRanges.format(halves)).isEqualTo("0-63,128-191");
        assertThat(SlotRanges.format(IntStream.range(0, 256).boxed().toList())).isEqualTo("0-255");
    }

    @Test
    void singlesUnorderedInputAndDuplicates() {
        assertThat(SlotRanges.format(List.of(7))).isEqualTo("7");
        assertThat(SlotRanges.format(List.of(9, 3, 4, 5, 3, 11, 12, 0))).isEqualTo("0,3-5,9,11-12");
        assertThat(SlotRanges.format(Set.of(255, 0))).isEqualTo("0,255");
    }

    @Test
    void noSlotsIsNone() {
        assertThat(SlotRanges.format(List.of())).isEqualTo("none");
    }

    @Test
    void everyOtherSlotStaysReadableButComplete() {
        List<Integer> even = IntStream.range(0, 16).filter(s -> s % 2 == 0).boxed().toList();
        String text = SlotRanges.format(even);
        assertThat(text).isEqualTo(even.stream().map(String::valueOf).collect(Collectors.joining(",")));
    }

    @Test
    void aScatteredSetPrintsItsFirstRunsAndCountsTheRest() {
        List<Integer> everyOther = IntStream.range(0, 256).filter(s -> s % 2 == 0).boxed().toList();
        String text = SlotRanges.format(everyOther);
        assertThat(text).startsWith("0,2,4,").endsWith(",46 and 104 more");
        assertThat(text.split(",")).hasSize(SlotRanges.MAX_RANGES);
        assertThat(SlotRanges.format(List.of(0, 1, 2, 5, 9, 10), 2)).isEqualTo("0-2,5 and 2 more");
        assertThat(SlotRanges.format(List.of(0, 1, 2, 5), 2)).isEqualTo("0-2,5");
    }
}
