package io.roster.chaos.check;

import io.roster.chaos.history.AppEvent;
import io.roster.chaos.history.Event;
import io.roster.chaos.history.History;
import io.roster.chaos.report.Bounds;
import io.roster.chaos.report.ConvergenceStats;
import io.roster.chaos.report.Counts;
import io.roster.chaos.report.Report;
import io.roster.chaos.report.Violation;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * Judges a recorded history: completeness of pushes after steady, no version regression, no ghost or unknown
 * item, convergence of every change, no address listed both ways in one list; converted lists and {@code subscribeInterface} listeners by the same checks
 * (see {@link ConvertedLists}). Pure: the same history gives the same report.
 */
public final class Checker {
    private final CheckerOptions options;

    public Checker(CheckerOptions options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    public Report check(History recorded) {
        History history = recorded.until(recorded.endAt());
        // Application-level events become the interface-level expectations they imply (ConvertedLists); the
        // counts stay those of what was recorded.
        ConvertedLists.Result derived = ConvertedLists.derive(history);
        RunIndex run = RunIndex.of(derived.history(), derived.shown(), options);
        CompletenessCheck.Result completeness = CompletenessCheck.run(run);
        ConvergenceCheck.Result convergence = ConvergenceCheck.run(run);
        List<Violation> violations = new ArrayList<>(completeness.violations());
        violations.addAll(RegressionCheck.run(run));
        violations.addAll(GhostCheck.run(run));
        violations.addAll(DuplicateAddressCheck.run(run, derived.appItems(), derived.interfaceItems()));
        violations.addAll(convergence.violations());
        violations.sort(Comparator.comparingLong(Violation::t).thenComparing(Violation::kind));
        return new Report(
                new Bounds(options.leaseMs(), options.debounceMs(), options.marginMs(), options.ghostBoundMs(),
                        options.convergenceBoundMs()),
                boxed(history.steadyAt()), boxed(history.quiesceAt()), history.endAt(),
                counts(history, run),
                ConvergenceStats.of(convergence.timesMs(), convergence.unwatched()),
                completeness.excused(), violations);
    }

    private static Counts counts(History history, RunIndex run) {
        Map<String, Long> byType = new HashMap<>();
        Map<String, Long> faults = new HashMap<>();
        long pushes = 0;
        long bytes = 0;
        for (Event e : history.events()) {
            byType.merge(e.type(), 1L, Long::sum);
            if (e instanceof Event.Push p) {
                pushes++;
                bytes += p.bytes() == null ? 0 : p.bytes();
            } else if (e instanceof AppEvent.Instances i) { // a listener call is a push too
                pushes++;
                bytes += i.bytes() == null ? 0 : i.bytes();
            } else if (e instanceof Event.Fault f && f.phase() == Event.Phase.START) {
                faults.merge(f.kind() + "-" + f.role(), 1L, Long::sum);
            }
        }
        return new Counts(byType, faults, pushes, bytes, run.uncertainty().failedItems());
    }

    private static Long boxed(OptionalLong t) {
        return t.isPresent() ? t.getAsLong() : null;
    }
}
