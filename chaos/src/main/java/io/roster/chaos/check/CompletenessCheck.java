package io.roster.chaos.check;

import io.roster.chaos.history.Event;
import io.roster.chaos.report.ExcusedAbsence;
import io.roster.chaos.report.Violation;
import io.roster.chaos.report.ViolationKind;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

/**
 * PARTIAL_PUSH: from steady on, every push holds the item of every acknowledged publisher of its dataId that is
 * still published (not unpublished, republished, or closed with its client; from the start of the call that
 * withdrew it, since the session may act before the call returns):
 * <ul>
 *   <li>a pinned item live at steady from steady on (steady is recorded once every subscriber holds them all);</li>
 *   <li>any other item from its ack + the convergence bound on: by then its publish must have reached every
 *       subscriber, and nothing may take it away again.</li>
 * </ul>
 * Items in doubt ({@link Uncertainty}) are not judged; an item missing under an {@link Excuses} rule is an excused
 * absence, reported as a figure. A violation names, for each missing item, since when it was missing: the first
 * push lacking it after the last push that held it, which measures the absence of a publisher dropped and re-added.
 */
final class CompletenessCheck {
    record Result(List<Violation> violations, List<ExcusedAbsence> excused) {
    }

    /** Pushes that lacked one item under one excuse. */
    private static final class Absence {
        final ExcuseWindow window;
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        int pushes;

        Absence(ExcuseWindow window) {
            this.window = window;
        }

        void missingAt(long t) {
            first = Math.min(first, t);
            last = Math.max(last, t);
            pushes++;
        }

        ExcusedAbsence toReport() {
            ItemSpan s = window.span();
            return new ExcusedAbsence(s.dataId(), s.pub(), s.client(), s.item(), window.excuse(), window.target(),
                    window.faultAt(), window.faultMs(), first, last, last - first, pushes);
        }
    }

    private record Missing(ItemSpan span, long requiredFrom, long since) {
    }

    private CompletenessCheck() {
    }

    static Result run(RunIndex run) {
        OptionalLong steadyAt = run.history().steadyAt();
        if (steadyAt.isEmpty()) {
            return new Result(List.of(), List.of());
        }
        long steady = steadyAt.getAsLong();
        long bound = run.options().convergenceBoundMs();
        Map<String, List<ItemSpan>> byDataId = byDataId(run);
        Map<ExcuseWindow, Absence> absences = new LinkedHashMap<>();
        // item -> the first push (of its dataId) that lacked it since the last one that held it
        Map<String, Long> missingSince = new HashMap<>();
        List<Violation> violations = new ArrayList<>();
        for (Event e : run.history().events()) {
            if (!(e instanceof Event.Push push)) {
                continue;
            }
            Set<String> items = new HashSet<>(push.items());
            List<Missing> missing = new ArrayList<>();
            for (ItemSpan span : byDataId.getOrDefault(push.dataId(), List.of())) {
                if (!span.liveAt(push.t()) || push.t() >= span.withdrawnFrom()) {
                    continue;
                }
                if (items.contains(span.item())) {
                    missingSince.remove(span.item());
                    continue;
                }
                long since = missingSince.computeIfAbsent(span.item(), k -> push.t());
                long requiredFrom = requiredFrom(span, steady, bound);
                if (push.t() < steady || push.t() < requiredFrom
                        || run.uncertainty().at(push.dataId(), span.item(), push.t())) {
                    continue;
                }
                run.excuses().find(span.item(), push.t()).ifPresentOrElse(
                        w -> absences.computeIfAbsent(w, Absence::new).missingAt(push.t()),
                        () -> missing.add(new Missing(span, requiredFrom, since)));
            }
            if (!missing.isEmpty()) {
                violations.add(new Violation(ViolationKind.PARTIAL_PUSH, push.dataId(), push.sub(), push.t(),
                        detail(push, missing), run.evidence().around(push.dataId(), push.t())));
            }
        }
        return new Result(violations, absences.values().stream().map(Absence::toReport).toList());
    }

    /** When a span's item must be in every push of its dataId. */
    private static long requiredFrom(ItemSpan span, long steady, long bound) {
        if (span.pinned() && span.from() <= steady) {
            return steady;
        }
        long t = span.from() + bound;
        return t < span.from() ? Long.MAX_VALUE : t;
    }

    private static Map<String, List<ItemSpan>> byDataId(RunIndex run) {
        Map<String, List<ItemSpan>> out = new LinkedHashMap<>();
        for (List<ItemSpan> spans : run.publications().byPub()) {
            for (ItemSpan s : spans) {
                out.computeIfAbsent(s.dataId(), k -> new ArrayList<>()).add(s);
            }
        }
        return out;
    }

    private static String detail(Event.Push push, List<Missing> missing) {
        StringBuilder b = new StringBuilder(Text.push(push)).append(" lacks ");
        for (int i = 0; i < missing.size(); i++) {
            Missing m = missing.get(i);
            ItemSpan s = m.span();
            b.append(i == 0 ? "" : "; ").append(s.pinned() ? "pinned " : "").append("pub ").append(s.pub())
                    .append(" item ").append(Text.quote(s.item())).append(" (client ").append(s.client()).append(')');
            if (!s.pinned()) {
                b.append(" acked at t=").append(s.from()).append(", required from t=").append(m.requiredFrom())
                        .append(',');
            }
            b.append(" missing since t=").append(m.since()).append(" (").append(push.t() - m.since()).append(" ms)");
        }
        return b.toString();
    }
}
