package io.roster.chaos.run;

import io.roster.common.app.InterfaceSpec;
import io.roster.common.app.Revision;
import io.roster.common.model.RegistryLimits;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The revisions the application-level workload rolls its pods between. */
class AppWorkloadRevisionsTest {
    private static List<String> dataIds(int n) {
        return IntStream.range(0, n).mapToObj(i -> "chaos.svc." + i + "#@#DEFAULT_INSTANCE_ID#@#DEFAULT_GROUP").toList();
    }

    private static Revision revision(List<String> dataIds, int a, int r) {
        Map<String, Map<String, String>> specs = AppWorkload.revision(dataIds, a, r);
        return Revision.of(AppWorkload.app(a), specs.entrySet().stream()
                .map(e -> new InterfaceSpec(e.getKey(), e.getValue())).toList(), RegistryLimits.DEFAULTS);
    }

    @Test
    void everyApplicationHasThreeValidRevisionsOverTheRunsDataIdsWhateverTheirNumber() {
        for (int n = 1; n <= 5; n++) {
            List<String> ids = dataIds(n);
            Set<String> digests = new HashSet<>();
            for (int a = 0; a < AppWorkload.APPS; a++) {
                for (int r = 0; r < 3; r++) {
                    Revision rev = revision(ids, a, r);
                    digests.add(rev.digest());
                    assertThat(ids).containsAll(AppWorkload.revision(ids, a, r).keySet());
                }
            }
            assertThat(digests).as("%d dataIds", n).hasSize(AppWorkload.APPS * 3);
        }
    }

    @Test
    void aRolloutFromRevisionZeroToOneAddsAnInterfaceAndToTwoDropsOne() {
        List<String> ids = dataIds(4);
        Set<String> r0 = AppWorkload.revision(ids, 1, 0).keySet();
        Set<String> r1 = AppWorkload.revision(ids, 1, 1).keySet();
        Set<String> r2 = AppWorkload.revision(ids, 1, 2).keySet();

        assertThat(r1).containsAll(r0).hasSize(r0.size() + 1);
        assertThat(r0).containsAll(r2).hasSize(r2.size() + 1);
    }
}
