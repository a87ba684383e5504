package io.roster.chaos.check;

import io.roster.chaos.history.Event;
import io.roster.chaos.report.ExcusedAbsence;
import io.roster.chaos.report.Violation;
import io.roster.chaos.report.ViolationKind;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

/**
 * PARTIAL_PUSH: from steady on, every push holds the item of every pinned publisher of its dataId. The pinned set
 * is the one published at steady; a pinned item stops being required when it is gone (pinned publishers are not
 * meant to change after steady, but a run may close its clients before it ends).
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
            SessionPause p = window.pause();
            return new ExcusedAbsence(s.dataId(), s.pub(), s.client(), s.item(), p.session(), p.start(),
                    p.pausedMs(), first, last, last - first, pushes);
        }
    }

    private CompletenessCheck() {
    }

    static Result run(RunIndex run) {
        OptionalLong steadyAt = run.history().steadyAt();
        if (steadyAt.isEmpty()) {
            return new Result(List.of(), List.of());
        }
        long steady = steadyAt.getAsLong();
        Map<String, List<ItemSpan>> pinned = pinnedAt(run, steady);
        Map<ExcuseWindow, Absence> absences = new LinkedHashMap<>();
        List<Violation> violations = new ArrayList<>();
        for (Event e : run.history().events()) {
            if (!(e instanceof Event.Push push) || push.t() < steady) {
                continue;
            }
            Set<String> items = new HashSet<>(push.items());
            List<ItemSpan> missing = new ArrayList<>();
            for (ItemSpan span : pinned.getOrDefault(push.dataId(), List.of())) {
                if (span.goneAt() <= push.t() || items.contains(span.item())
                        || run.uncertainty().at(span.item(), push.t())) {
                    continue;
                }
                run.excuses().find(span.item(), push.t()).ifPresentOrElse(
                        w -> absences.computeIfAbsent(w, Absence::new).missingAt(push.t()),
                        () -> missing.add(span));
            }
            if (!missing.isEmpty()) {
                violations.add(new Violation(ViolationKind.PARTIAL_PUSH, push.dataId(), push.sub(), push.t(),
                        detail(push, missing), run.evidence().around(push.dataId(), push.t())));
            }
        }
        return new Result(violations, absences.values().stream().map(Absence::toReport).toList());
    }

    private static Map<String, List<ItemSpan>> pinnedAt(RunIndex run, long steady) {
        Map<String, List<ItemSpan>> pinned = new LinkedHashMap<>();
        for (List<ItemSpan> spans : run.publications().byPub()) {
            for (ItemSpan s : spans) {
                if (s.pinned() && s.liveAt(steady)) {
                    pinned.computeIfAbsent(s.dataId(), k -> new ArrayList<>()).add(s);
                }
            }
        }
        return pinned;
    }

    private static String detail(Event.Push push, List<ItemSpan> missing) {
        StringBuilder b = new StringBuilder(Text.push(push)).append(" lacks pinned ");
        for (int i = 0; i < missing.size(); i++) {
            ItemSpan s = missing.get(i);
            b.append(i == 0 ? "" : ", ").append("pub ").append(s.pub()).append(" item ").append(Text.quote(s.item()))
                    .append(" (client ").append(s.client()).append(')');
        }
        return b.toString();
    }
}
