package io.roster.common.slot;

import io.roster.common.model.ProcessId;
import io.roster.common.model.Publisher;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PublisherDigestTest {
    private static final ProcessId SESSION = new ProcessId("127.0.0.1:9601", 1, 1);

    private static Publisher pub(String dataInfoId, String registerId, long version) {
        return new Publisher(registerId, dataInfoId, "c1", "app", "", List.of(), version, 1, SESSION);
    }

    private static PublisherDigest digest(Publisher... ps) {
        PublisherDigest d = new PublisherDigest();
        for (Publisher p : ps) {
            d.add(p);
        }
        return d;
    }

    @Test
    void addingWithTheDatumsPrefixGivesTheSameDigest() {
        String id = "a#@#DEFAULT_INSTANCE_ID#@#DEFAULT_GROUP";
        Publisher a = pub(id, "r1", 1), b = pub(id, "r2", 7);
        PublisherDigest withPrefix = new PublisherDigest();
        withPrefix.add(PublisherDigest.prefixOf(id), a);
        withPrefix.add(PublisherDigest.prefixOf(id), b);

        assertThat(withPrefix.matches(digest(a, b).toSlotDigest(0))).isTrue();
    }

    @Test
    void equalSetsInAnyOrderHaveEqualDigests() {
        Publisher a = pub("a#@#DEFAULT_INSTANCE_ID#@#DEFAULT_GROUP", "r1", 1), b = pub("b#@#DEFAULT_INSTANCE_ID#@#DEFAULT_GROUP", "r2", 5);
        assertThat(digest(a, b).hash()).isEqualTo(digest(b, a).hash());
        assertThat(digest(a, b).matches(digest(b, a).toSlotDigest(3))).isTrue();
    }

    @Test
    void aDifferentVersionIdOrCountChangesTheDigest() {
        Publisher a = pub("a", "r1", 1);
        assertThat(digest(a).hash()).isNotEqualTo(digest(pub("a", "r1", 2)).hash());
        assertThat(digest(a).hash()).isNotEqualTo(digest(pub("a", "r2", 1)).hash());
        assertThat(PublisherDigest.hashOf("ab", "c", 1)).isNotEqualTo(PublisherDigest.hashOf("a", "bc", 1));
        assertThat(digest(a, a).matches(digest(a).toSlotDigest(0))).isFalse();
        assertThat(new PublisherDigest().matches(new PublisherDigest().toSlotDigest(0))).isTrue();
    }
}
