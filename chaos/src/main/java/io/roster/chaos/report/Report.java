package io.roster.chaos.report;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.List;

/**
 * The checker's verdict on one history.
 *
 * @param steadyAt  null when the history has no {@code steady}: then completeness judged nothing
 * @param quiesceAt null when the history has no {@code quiesce}
 * @param violations in time order
 */
@JsonPropertyOrder({"passed", "bounds", "steadyAt", "quiesceAt", "endAt", "counts", "convergence",
        "excusedAbsences", "violations"})
public record Report(Bounds bounds, Long steadyAt, Long quiesceAt, long endAt, Counts counts,
                     ConvergenceStats convergence, List<ExcusedAbsence> excusedAbsences,
                     List<Violation> violations) {
    public Report {
        excusedAbsences = List.copyOf(excusedAbsences);
        violations = List.copyOf(violations);
    }

    @JsonProperty("passed")
    public boolean passed() {
        return violations.isEmpty();
    }

    public long count(ViolationKind kind) {
        return violations.stream().filter(v -> v.kind() == kind).count();
    }
}
