package io.roster.chaos.report;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The human summary: the verdict and the figures first, then the violations, at most a few of each kind. */
final class ReportText {
    private final int perKind;

    ReportText(int perKind) {
        this.perKind = perKind;
    }

    String render(Report r) {
        StringBuilder b = new StringBuilder();
        b.append("chaos check: ").append(r.passed() ? "PASSED" : "FAILED (" + r.violations().size() + " violations)")
                .append('\n');
        Bounds bo = r.bounds();
        b.append("bounds: lease ").append(bo.leaseMs()).append(" ms, ghost ").append(bo.ghostBoundMs())
                .append(" ms, convergence ").append(bo.convergenceBoundMs()).append(" ms\n");
        b.append("run: steady at ").append(at(r.steadyAt())).append(", quiesce at ").append(at(r.quiesceAt()))
                .append(", end at t=").append(r.endAt()).append('\n');
        Counts c = r.counts();
        b.append("events: ").append(join(c.eventsByType())).append('\n');
        b.append("faults: ").append(c.faultsByKind().isEmpty() ? "none" : join(c.faultsByKind())).append('\n');
        b.append("pushes: ").append(c.pushes()).append(" (").append(c.pushBytes()).append(" bytes), uncertain items: ")
                .append(c.uncertainItems()).append('\n');
        ConvergenceStats cs = r.convergence();
        b.append("convergence: ").append(cs.count()).append(" changes, p50 ").append(cs.p50Ms()).append(" ms, p99 ")
                .append(cs.p99Ms()).append(" ms, max ").append(cs.maxMs()).append(" ms; ").append(cs.unwatched())
                .append(" with no subscriber\n");
        b.append("excused absences: ").append(r.excusedAbsences().size());
        r.excusedAbsences().stream().collect(Collectors.groupingBy(ExcusedAbsence::excuse, java.util.TreeMap::new,
                        Collectors.summarizingLong(ExcusedAbsence::absentMs)))
                .forEach((excuse, s) -> b.append("; ").append(excuse).append(' ').append(s.getCount())
                        .append(" (absent up to ").append(s.getMax()).append(" ms)"));
        b.append('\n');
        for (ExcusedAbsence a : r.excusedAbsences().subList(0, Math.min(perKind, r.excusedAbsences().size()))) {
            b.append("  ").append(a.excuse()).append(": pub ").append(a.pub()).append(" (client ")
                    .append(a.client()).append(", ").append(a.dataId()).append(") by ").append(a.target())
                    .append(" from t=").append(a.faultAt()).append(" for ").append(a.faultMs())
                    .append(" ms: absent ").append(a.absentMs()).append(" ms (t=").append(a.firstMissingAt())
                    .append("..").append(a.lastMissingAt()).append(", ").append(a.missingPushes())
                    .append(" pushes)\n");
        }
        if (r.excusedAbsences().size() > perKind) {
            b.append("  ... and ").append(r.excusedAbsences().size() - perKind).append(" more in report.json\n");
        }
        violations(b, r.violations());
        return b.toString();
    }

    private void violations(StringBuilder b, List<Violation> violations) {
        Map<ViolationKind, List<Violation>> byKind = new EnumMap<>(ViolationKind.class);
        violations.forEach(v -> byKind.computeIfAbsent(v.kind(), k -> new ArrayList<>()).add(v));
        b.append("violations: ").append(violations.isEmpty() ? "none" : byKind.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue().size()).collect(Collectors.joining(" "))).append('\n');
        byKind.forEach((kind, list) -> {
            for (Violation v : list.subList(0, Math.min(perKind, list.size()))) {
                b.append("  ").append(kind).append(" t=").append(v.t()).append(' ').append(v.dataId())
                        .append(v.sub() == null ? "" : " " + v.sub()).append(": ").append(v.detail()).append('\n');
            }
            if (list.size() > perKind) {
                b.append("  ... and ").append(list.size() - perKind).append(" more ").append(kind)
                        .append(" in report.json\n");
            }
        });
    }

    private static String at(Long t) {
        return t == null ? "never" : "t=" + t;
    }

    private static String join(Map<String, Long> counts) {
        return counts.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" "));
    }
}
