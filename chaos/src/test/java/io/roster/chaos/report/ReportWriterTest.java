package io.roster.chaos.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.roster.chaos.history.Event;
import io.roster.chaos.history.EventJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ReportWriterTest {
    @TempDir
    Path dir;

    private static final Event.Push PUSH = new Event.Push(5400, "s3", "d1", 12, List.of("p2-1"), 30);
    private static final Event.Fault FAULT = new Event.Fault(5000, "kill", "data", "data-1", Event.Phase.START);

    private static Report failing(int partialPushes) {
        List<Violation> violations = new ArrayList<>();
        for (int i = 0; i < partialPushes; i++) {
            violations.add(new Violation(ViolationKind.PARTIAL_PUSH, "d1", "s3", 5400 + i,
                    "push v12 to sub s3 at t=" + (5400 + i) + " lacks pinned pub p7 item \"p7-1\" (client c2)",
                    List.of(FAULT, PUSH)));
        }
        violations.add(new Violation(ViolationKind.NOT_CONVERGED, "d2", null, 6000,
                "publish of pub p9 item \"p9-1\" at t=6000 on d2 did not converge by the end", List.of()));
        return new Report(new Bounds(1000, 50, 450, 1500, 1500), 100L, null, 9000,
                new Counts(Map.of("push", 7L, "publish", 3L), Map.of("kill", 1L), 7, 210, 2),
                new ConvergenceStats(4, 50, 150, 150, 1),
                List.of(new ExcusedAbsence("d1", "p1", "c1", "p1-1", "pause-session", "127.0.0.1:9601", 1000, 2000,
                        2100, 2600, 500, 3)),
                violations);
    }

    @Test
    void jsonParsesBackWithTheViolationsAndTheirHistory() throws IOException {
        String summary = new ReportWriter().write(failing(1), dir);

        JsonNode json = new ObjectMapper().readTree(dir.resolve(ReportWriter.JSON_FILE).toFile());
        assertThat(json.get("passed").booleanValue()).isFalse();
        assertThat(json.get("steadyAt").longValue()).isEqualTo(100);
        assertThat(json.get("quiesceAt").isNull()).isTrue();
        assertThat(json.at("/bounds/ghostBoundMs").longValue()).isEqualTo(1500);
        assertThat(json.at("/counts/eventsByType/push").longValue()).isEqualTo(7);
        assertThat(json.at("/convergence/p99Ms").longValue()).isEqualTo(150);
        assertThat(json.at("/excusedAbsences/0/absentMs").longValue()).isEqualTo(500);
        JsonNode v = json.at("/violations/0");
        assertThat(v.get("kind").asText()).isEqualTo("PARTIAL_PUSH");
        assertThat(v.get("dataId").asText()).isEqualTo("d1");
        assertThat(v.get("sub").asText()).isEqualTo("s3");
        assertThat(v.get("t").longValue()).isEqualTo(5400);
        assertThat(v.get("detail").asText()).contains("lacks pinned pub p7 item \"p7-1\"");
        // Each history event is written as its history line, so it reads back as the same event.
        assertThat(EventJson.fromJson(v.at("/history/0"))).isEqualTo(FAULT);
        assertThat(EventJson.fromJson(v.at("/history/1"))).isEqualTo(PUSH);
        assertThat(json.at("/violations/1/sub").isNull()).isTrue();

        assertThat(Files.readString(dir.resolve(ReportWriter.TEXT_FILE))).isEqualTo(summary);
    }

    @Test
    void summaryGivesTheVerdictFiguresAndViolations() {
        String text = new ReportWriter().summary(failing(1));

        assertThat(text).startsWith("chaos check: FAILED (2 violations)\n");
        assertThat(text).contains("convergence: 4 changes, p50 50 ms, p99 150 ms, max 150 ms");
        assertThat(text).contains("pushes: 7 (210 bytes), uncertain items: 2");
        assertThat(text).contains("faults: kill=1");
        assertThat(text).contains("excused absences: 1; pause-session 1 (absent up to 500 ms)");
        assertThat(text).contains("pause-session: pub p1 (client c1, d1) by 127.0.0.1:9601 from t=1000 for 2000 ms:"
                + " absent 500 ms (t=2100..2600, 3 pushes)");
        assertThat(text).contains("violations: PARTIAL_PUSH=1 NOT_CONVERGED=1");
        assertThat(text).contains("  PARTIAL_PUSH t=5400 d1 s3: push v12 to sub s3 at t=5400 lacks pinned pub p7"
                + " item \"p7-1\" (client c2)");
        assertThat(text).contains("  NOT_CONVERGED t=6000 d2: publish of pub p9");
    }

    @Test
    void summaryListsAFewViolationsOfEachKind() {
        String text = new ReportWriter(3).summary(failing(5));

        assertThat(text).contains("violations: PARTIAL_PUSH=5 NOT_CONVERGED=1");
        assertThat(text.lines().filter(l -> l.startsWith("  PARTIAL_PUSH"))).hasSize(3);
        assertThat(text).contains("  ... and 2 more PARTIAL_PUSH in report.json");
    }

    @Test
    void passingReportSaysSo() throws IOException {
        Report passing = new Report(new Bounds(1000, 50, 450, 1500, 1500), 100L, 200L, 900,
                new Counts(Map.of(), Map.of(), 0, 0, 0), ConvergenceStats.of(List.of(), 0), List.of(), List.of());

        String summary = new ReportWriter().write(passing, dir);

        assertThat(passing.passed()).isTrue();
        assertThat(summary).startsWith("chaos check: PASSED\n").contains("violations: none");
        assertThat(new ObjectMapper().readTree(dir.resolve("report.json").toFile()).get("passed").booleanValue())
                .isTrue();
    }

    @Test
    void percentilesAreNearestRank() {
        ConvergenceStats s = ConvergenceStats.of(List.of(5L, 1L, 4L, 2L, 3L, 10L, 9L, 8L, 7L, 6L), 0);

        assertThat(s.count()).isEqualTo(10);
        assertThat(s.p50Ms()).isEqualTo(5);
        assertThat(s.p99Ms()).isEqualTo(10);
        assertThat(s.maxMs()).isEqualTo(10);
        assertThat(ConvergenceStats.of(List.of(7L), 0).p50Ms()).isEqualTo(7);
    }
}
