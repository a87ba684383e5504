package io.roster.datastore.view;

import org.junit.jupiter.api.Test;

import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** What the data node's one line per slot-table change says about its own share. */
class ClusterViewHandlerShareLogTest {
    private static Set<Integer> slots(IntStream s) {
        return s.boxed().collect(Collectors.toSet());
    }

    @Test
    void namesOnlyTheSlotsGainedAndLost() {
        Set<Integer> before = slots(IntStream.range(0, 256).filter(i -> i % 2 == 0));
        Set<Integer> after = slots(IntStream.range(0, 256).filter(i -> i % 2 == 0 && i != 0 && i != 2 || i >= 85 && i <= 99));
        assertThat(ClusterViewHandler.change(before, after)).isEqualTo(" (gained 85,87,89,91,93,95,97,99; lost 0,2)");
        assertThat(ClusterViewHandler.change(Set.of(), slots(IntStream.range(0, 256)))).isEqualTo(" (gained 0-255)");
    }

    @Test
    void anUnchangedShareSaysNothing() {
        assertThat(ClusterViewHandler.change(Set.of(1, 2, 3), Set.of(3, 2, 1))).isEmpty();
    }
}
