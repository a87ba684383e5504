package io.roster.session.reconcile;

import io.roster.session.registry.ConnectionHandle;
import io.roster.session.registry.ClientRegistry;

import io.roster.common.model.InvalidInputException;
import io.roster.common.model.ProcessId;
import io.roster.common.model.Publisher;
import io.roster.common.slot.PublisherDigest;
import io.roster.common.slot.SlotFunction;
import io.roster.common.wire.SlotDigest;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

import static io.roster.session.reconcile.TestPublishers.dataInfoIdIn;
import static io.roster.session.reconcile.TestPublishers.publisher;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SlotPublishersTest {
    private static final ProcessId SESSION = new ProcessId("127.0.0.1:9601", 1, 1);
    private static final SlotFunction SLOTS = new SlotFunction(16);

    private final Publisher a1 = publisher("a1", dataInfoIdIn(SLOTS, 3, 0), 1, 10, SESSION);
    private final Publisher a2 = publisher("a2", dataInfoIdIn(SLOTS, 3, 1), 4, 11, SESSION);
    private final Publisher a3 = publisher("a3", dataInfoIdIn(SLOTS, 3, 0), 2, 12, SESSION);
    private final Publisher b1 = publisher("b1", dataInfoIdIn(SLOTS, 9, 0), 1, 13, SESSION);
    private final List<Publisher> all = List.of(a1, a2, a3, b1);

    /** What a session holding {@code publishers} answers for {@code slotIds}, from its registry's slot index. */
    private static SlotPublishers heldIn(List<Publisher> publishers, List<Integer> slotIds) {
        ClientRegistry registry = new ClientRegistry(SLOTS);
        ConnectionHandle connection = ConnectionHandle.alwaysOpen("client");
        publishers.forEach(p -> registry.putPublisher(p, connection));
        return SlotPublishers.of(registry.bySlot(), slotIds);
    }

    private static PublisherDigest digestOf(Publisher... publishers) {
        PublisherDigest d = new PublisherDigest();
        Arrays.stream(publishers).forEach(d::add);
        return d;
    }

    @Test
    void aSlotsDigestIsThePublisherDigestOfTheSameSetInAnyOrder() {
        List<Publisher> shuffled = new ArrayList<>(all);
        Collections.reverse(shuffled);
        SlotDigest digest = heldIn(all, List.of(3)).digest(3);

        assertThat(digestOf(a3, a1, a2).matches(digest)).isTrue();
        assertThat(digest.slotId()).isEqualTo(3);
        assertThat(digest.count()).isEqualTo(3);
        assertThat(heldIn(shuffled, List.of(3)).digest(3)).usingRecursiveComparison().isEqualTo(digest);
        // Another version of one publisher is another set.
        assertThat(digestOf(a1, a2, publisher("a3", a3.dataInfoId(), 3, 12, SESSION)).matches(digest)).isFalse();
    }

    @Test
    void theDigestsAloneAreThoseOfTheFullReadInTheOrderAsked() {
        ClientRegistry registry = new ClientRegistry(SLOTS);
        ConnectionHandle connection = ConnectionHandle.alwaysOpen("client");
        all.forEach(p -> registry.putPublisher(p, connection));

        List<SlotDigest> digests = SlotPublishers.digestsOf(registry.bySlot(), List.of(9, 5, 3));

        assertThat(digests).usingRecursiveFieldByFieldElementComparator()
                .containsExactlyElementsOf(heldIn(all, List.of(9, 5, 3)).digests());
        assertThat(digests).extracting(SlotDigest::slotId).containsExactly(9, 5, 3);
    }

    @Test
    void aSlotWithoutPublishersHasCountAndHashZero() {
        SlotPublishers held = heldIn(all, List.of(5, 3));

        assertThat(held.in(5)).isEmpty();
        assertThat(held.digest(5)).usingRecursiveComparison().isEqualTo(new SlotDigest(5, 0, 0));
        assertThat(held.digests()).extracting(SlotDigest::slotId).containsExactly(5, 3);
        assertThat(heldIn(List.of(), List.of(3)).digest(3).count()).isZero();
    }

    @Test
    void onlyThePublishersOfTheSlotsAskedAreCovered() {
        SlotPublishers held = heldIn(all, List.of(9));

        assertThat(held.slotIds()).containsExactly(9);
        assertThat(held.all()).containsExactly(b1);
        assertThat(held.in(3)).isEmpty();
        assertThat(heldIn(all, List.of(3, 9)).all()).containsExactlyInAnyOrder(a1, a2, a3, b1);
        assertThat(heldIn(all, List.of()).all()).isEmpty();
    }

    @Test
    void slotIdsAreCheckedAndDeduplicatedInTheOrderAsked() {
        assertThat(SlotIds.checked(List.of(4, 0, 4, 15, 0), 16)).containsExactly(4, 0, 15);
        assertThat(SlotIds.checked(null, 16)).isEmpty();
        assertThatThrownBy(() -> SlotIds.checked(List.of(1, -1), 16)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("slot id -1").hasMessageContaining("0..15");
        assertThatThrownBy(() -> SlotIds.checked(List.of(16), 16)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("slot id 16");
        assertThatThrownBy(() -> SlotIds.checked(Arrays.asList(2, null), 16)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("slot id null");
    }
}
