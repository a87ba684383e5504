package io.roster.client.push;

import io.roster.common.wire.PushEntry;
import io.roster.common.wire.PushMessage;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The SDK's materialised copies: deltas apply at their base only, and what is dispatched is always the whole list. */
class PushCopiesTest {
    private static final String ID = "d1";
    private final PushCopies copies = new PushCopies();

    private static PushEntry entry(String key, long order, String item) {
        return new PushEntry(key, order, List.of(item.getBytes(StandardCharsets.UTF_8)));
    }

    private static PushMessage full(long version, PushEntry... entries) {
        return PushMessage.keyed(ID, version, List.of("s"), 0, List.of(entries), List.of());
    }

    private static PushMessage delta(long base, long version, List<PushEntry> entries, List<String> removed) {
        return PushMessage.keyed(ID, version, List.of("s"), base, entries, removed);
    }

    private static List<String> items(PushMessage whole) {
        return whole.entries().stream().flatMap(e -> e.items().stream())
                .map(b -> new String(b, StandardCharsets.UTF_8)).toList();
    }

    private List<String> take(PushMessage push) {
        PushCopies.Taken taken = copies.take(push, id -> true);
        assertThat(taken.refused()).as("refused: %s", taken.refusal()).isFalse();
        assertThat(taken.toDispatch()).hasSize(1);
        PushMessage whole = taken.toDispatch().get(0);
        assertThat(whole.isDelta()).isFalse();
        assertThat(whole.subscriberIds()).containsExactly("s");
        return items(whole);
    }

    @Test
    void deltasApplyToTheCopyAndTheWholeListInTheDatumsOrderIsDispatched() {
        assertThat(take(full(1, entry("a", 10, "a:1"), entry("b", 11, "b:1"), entry("c", 12, "c:1"))))
                .containsExactly("a:1", "b:1", "c:1");
        assertThat(take(delta(1, 2, List.of(entry("b", 11, "b:2"), entry("d", 9, "d:1")), List.of("c"))))
                .as("b replaced in place, d in its order, c gone").containsExactly("d:1", "a:1", "b:2");
        assertThat(take(delta(2, 3, List.of(entry("a", 20, "a:2")), List.of()))).as("a re-registered: it moves")
                .containsExactly("d:1", "b:2", "a:2");
        assertThat(copies.versionOf("s")).isEqualTo(3);
    }

    @Test
    void subscriptionsOfOneDatumShareTheirCopyAndADeltaIsAppliedOnceForAll() {
        PushMessage first = PushMessage.keyed(ID, 1, List.of("s1", "s2", "s3"), 0,
                List.of(entry("a", 10, "a:1"), entry("b", 11, "b:1")), List.of());
        PushCopies.Taken taken = copies.take(first, id -> true);
        assertThat(taken.toDispatch()).singleElement().satisfies(m -> assertThat(m.subscriberIds()).containsExactly("s1", "s2", "s3"));

        // One whole list for the three: built once, not once per subscription (a client's 50 subscribers of a
        // 7,000-instance service would otherwise cost 50 lists a change).
        PushMessage both = PushMessage.keyed(ID, 2, List.of("s1", "s2", "s3"), 1, List.of(entry("c", 12, "c:1")), List.of("a"));
        taken = copies.take(both, id -> true);
        assertThat(taken.toDispatch()).singleElement().satisfies(m -> {
            assertThat(m.subscriberIds()).containsExactly("s1", "s2", "s3");
            assertThat(items(m)).containsExactly("b:1", "c:1");
        });

        // s3 alone moves on: its copy is its own from then, and the others keep theirs at version 2.
        taken = copies.take(PushMessage.keyed(ID, 3, List.of("s3"), 2, List.of(entry("d", 13, "d:1")), List.of()), id -> true);
        assertThat(items(taken.toDispatch().get(0))).containsExactly("b:1", "c:1", "d:1");
        assertThat(copies.versionOf("s1")).isEqualTo(2);
        // The others reach version 3 too: one version of a datum has one content, so they join s3's copy.
        taken = copies.take(PushMessage.keyed(ID, 3, List.of("s1", "s2"), 2, List.of(entry("d", 13, "d:1")), List.of()), id -> true);
        assertThat(taken.toDispatch()).singleElement().satisfies(m -> assertThat(items(m)).containsExactly("b:1", "c:1", "d:1"));
        assertThat(copies.versionOf("s3")).isEqualTo(3);
        taken = copies.take(PushMessage.keyed(ID, 4, List.of("s1", "s2", "s3"), 3, List.of(), List.of("b")), id -> true);
        assertThat(taken.toDispatch()).singleElement().satisfies(m -> assertThat(items(m)).containsExactly("c:1", "d:1"));
    }

    @Test
    void aSubscriptionReachingAVersionAnotherHoldsJoinsItsCopy() {
        List<PushEntry> list = List.of(entry("a", 10, "a:1"), entry("b", 11, "b:1"));
        copies.take(PushMessage.keyed(ID, 1, List.of("s1"), 0, list, List.of()), id -> true);
        copies.take(PushMessage.keyed(ID, 1, List.of("s2"), 0, list, List.of()), id -> true); // subscribed one by one

        // Both now hold version 1 in one copy: the next delta is applied and its list built once, for both.
        PushCopies.Taken taken = copies.take(PushMessage.keyed(ID, 2, List.of("s1", "s2"), 1, List.of(entry("c", 12, "c:1")),
                List.of()), id -> true);
        assertThat(taken.toDispatch()).singleElement().satisfies(m -> {
            assertThat(m.subscriberIds()).containsExactly("s1", "s2");
            assertThat(items(m)).containsExactly("a:1", "b:1", "c:1");
        });
    }

    @Test
    void aDeltaForAnotherBaseOrForNoCopyIsRefusedAndChangesNothing() {
        PushCopies.Taken none = copies.take(delta(1, 2, List.of(entry("a", 1, "a")), List.of()), id -> true);
        assertThat(none.refused()).isTrue();
        assertThat(none.refusal()).contains("holds no list");
        assertThat(copies.versionOf("s")).isEqualTo(-1);

        take(full(3, entry("a", 1, "a:3")));
        PushCopies.Taken wrongBase = copies.take(delta(2, 4, List.of(entry("b", 2, "b")), List.of("a")), id -> true);
        assertThat(wrongBase.refused()).isTrue();
        assertThat(wrongBase.toDispatch()).isEmpty();
        assertThat(wrongBase.refusal()).contains("version 3");
        assertThat(copies.versionOf("s")).isEqualTo(3);
        assertThat(take(delta(3, 4, List.of(entry("b", 2, "b:4")), List.of()))).containsExactly("a:3", "b:4");
    }

    @Test
    void stalePushesChangeNothingAndPlainOnesForgetTheCopy() {
        take(full(5, entry("a", 1, "a:5")));
        assertThat(copies.take(full(4, entry("x", 1, "x")), id -> true).toDispatch()).as("older full list").isEmpty();
        PushCopies.Taken replay = copies.take(delta(3, 5, List.of(entry("y", 1, "y")), List.of()), id -> true);
        assertThat(replay.refused()).as("a delta to a version held already (its ack was lost) is acked").isFalse();
        assertThat(replay.toDispatch()).isEmpty();
        assertThat(copies.versionOf("s")).isEqualTo(5);

        PushMessage plain = new PushMessage(ID, 6, List.of("s"), List.of("p".getBytes(StandardCharsets.UTF_8)));
        assertThat(copies.take(plain, id -> true).toDispatch()).containsExactly(plain);
        assertThat(copies.versionOf("s")).isEqualTo(-1);
        assertThat(copies.take(full(7, entry("a", 1, "a")), id -> false).toDispatch()).as("not live here").isEmpty();
        assertThat(copies.versionOf("s")).isEqualTo(-1);
    }
}
