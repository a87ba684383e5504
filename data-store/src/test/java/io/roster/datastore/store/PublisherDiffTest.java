package io.roster.datastore.store;

import io.roster.common.model.ProcessId;
import io.roster.common.model.Publisher;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class PublisherDiffTest {
    private static final ProcessId S = new ProcessId("127.0.0.1:1", 1, 1);

    private static Publisher pub(String id, long version, long registeredAt) {
        return new Publisher(id, "svc#@#i#@#g", "c", "app", "", List.of(new byte[]{(byte) version}), version, registeredAt, S);
    }

    /** Applying the diff of a follower's install to a map of "before" must give exactly "after", whatever the change. */
    @Test
    void randomChangesApplyToExactlyTheNewList() {
        Random random = new Random(7);
        for (int round = 0; round < 500; round++) {
            List<Publisher> before = new ArrayList<>();
            for (int i = 0; i < random.nextInt(20); i++) {
                before.add(pub("r" + i, 1, random.nextInt(10)));
            }
            before.sort(PublisherOrder.ORDER);
            List<Publisher> after = new ArrayList<>();
            for (Publisher p : before) {
                switch (random.nextInt(4)) {
                    case 0 -> { } // removed
                    case 1 -> after.add(pub(p.registerId(), 2, p.registerTimestamp()));           // republished
                    case 2 -> after.add(pub(p.registerId(), 1, p.registerTimestamp() + 5));       // re-registered later
                    default -> after.add(p);                                                      // untouched, shared
                }
            }
            for (int i = 0; i < random.nextInt(3); i++) {
                after.add(pub("new" + round + "-" + i, 1, random.nextInt(20)));
            }
            after.sort(PublisherOrder.ORDER);

            PublisherDiff diff = PublisherDiff.of(PublisherTree.of(before), PublisherTree.of(after));
            Map<String, Publisher> stored = new HashMap<>();
            before.forEach(p -> stored.put(p.registerId(), p));
            diff.removed().forEach(stored::remove);
            diff.written().forEach(p -> stored.put(p.registerId(), p));

            Map<String, Publisher> expected = new HashMap<>();
            after.forEach(p -> expected.put(p.registerId(), p));
            assertThat(stored).as("round %d", round).isEqualTo(expected);
            assertThat(diff.written()).as("untouched (shared) publishers are not rewritten")
                    .noneMatch(p -> before.stream().anyMatch(q -> q == p));
        }
    }
}
