package io.roster.chaos.check;

import io.roster.chaos.history.History;
import io.roster.chaos.history.HistoryReader;
import io.roster.chaos.report.Report;
import io.roster.chaos.report.Violation;
import io.roster.chaos.report.ViolationKind;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A whole recorded run that failed: {@code roster chaos --duration 30m --seed 20261205 --faults all --overlap} on
 * commit a5722ea. Data node data-1 was killed, then the session holding both pinned clients was paused (a tolerated
 * pair); the pinned clients moved within 1 s, but their replay sent one item after another and the first waited for
 * data-1's slots to fail over. Meta expired the paused session 2 s into the pause (3 s after its last heartbeat), data
 * dropped its publishers, and the pinned items still queued behind the slow one were missing from six pushes. Fixed by
 * sending a replay's items side by side (client RegistrationReplayer). The run's history is kept whole, so the judge is
 * tested on what a real run records, not only on hand-written slices.
 */
class RecordedRunTest {
    /** The run's bounds: lease 3 s, debounce 20 ms, margin 10 s. */
    private static final CheckerOptions RUN_OPTIONS = CheckerOptions.of(3000, 20, 10_000);

    private static History load(String name) throws IOException {
        try (InputStream raw = RecordedRunTest.class.getResourceAsStream("/histories/" + name + ".jsonl.gz");
             Reader in = new InputStreamReader(new GZIPInputStream(raw), StandardCharsets.UTF_8)) {
            return HistoryReader.read(in);
        }
    }

    @Test
    void pinnedItemsQueuedBehindASlowReplayAreReportedMissingAfterTheirSessionExpired() throws IOException {
        Report r = new Checker(RUN_OPTIONS).check(load("overlap-kill-data-pause-session-30m"));

        assertThat(r.passed()).isFalse();
        assertThat(r.violations()).hasSize(6).extracting(Violation::kind).containsOnly(ViolationKind.PARTIAL_PUSH);
        assertThat(r.violations()).extracting(Violation::t).allSatisfy(t -> assertThat(t).isBetween(1_649_103L, 1_649_124L));
        assertThat(r.violations()).extracting(Violation::detail).allSatisfy(d -> assertThat(d).contains("lacks pinned pub pin"));
        // Everything else about the run holds: 3,818 fault events over every kind, no other broken promise.
        assertThat(r.counts().faultsByKind()).containsKeys("kill-data", "pause-session", "skew-data", "skew-session",
                "partition-data-meta", "partition-meta-leader", "partition-session-data");
        assertThat(r.convergence().p99Ms()).isLessThan(2000);
    }
}
