package io.roster.datastore.migration;

import io.roster.common.model.Datum;
import io.roster.common.model.ProcessId;
import io.roster.common.model.Publisher;
import io.roster.common.slot.PublisherDigest;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The leader's digests of its own copy, every session at once, equal to each session's digest taken alone. */
class SessionDigestsTest {
    private static final String A = "a#@#DEFAULT_INSTANCE_ID#@#DEFAULT_GROUP", B = "b#@#DEFAULT_INSTANCE_ID#@#DEFAULT_GROUP";
    private final ProcessId s1 = new ProcessId("10.0.0.1:9600", 100, 1);
    private final ProcessId s2 = new ProcessId("10.0.0.2:9600", 100, 1);

    private Publisher pub(String id, String registerId, ProcessId session) {
        return new Publisher(registerId, id, "c", "app", "", List.of(), 3, 1, session, 0);
    }

    @Test
    void everySessionsDigestIsTheOneOfItsPublishersAlone() {
        // Owners interleaved within and across datums, and an equal process held as another instance.
        List<Datum> datums = List.of(
                new Datum(A, 5, List.of(pub(A, "r1", s1), pub(A, "r2", s2), pub(A, "r3", s1))),
                new Datum(B, 6, List.of(pub(B, "r4", new ProcessId(s1.address(), 100, 1)), pub(B, "r5", s2))));

        Map<ProcessId, PublisherDigest> all = SessionDigests.bySession(datums);

        assertThat(all).containsOnlyKeys(s1, s2);
        for (ProcessId s : List.of(s1, s2)) {
            PublisherDigest alone = SessionDigests.of(datums, s);
            assertThat(all.get(s).matches(alone.toSlotDigest(0))).as("digest of %s", s).isTrue();
        }
        assertThat(all.get(s1).count()).isEqualTo(3);
    }
}
