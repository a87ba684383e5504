package io.roster.chaos.run;

import java.util.Map;
import java.util.TreeMap;

/** Operations done and failed by kind, and the first error of each kind: part of the run's summary. */
final class OpCounts {
    private final Map<String, Integer> ok = new TreeMap<>();
    private final Map<String, Integer> failed = new TreeMap<>();
    private final Map<String, String> firstError = new TreeMap<>();

    synchronized void ok(String op) {
        ok.merge(op, 1, Integer::sum);
    }

    synchronized void failed(String op, RuntimeException e) {
        failed.merge(op, 1, Integer::sum);
        firstError.putIfAbsent(op, e.toString());
    }

    synchronized Map<String, Object> summary() {
        return Map.of("ok", new TreeMap<>(ok), "failed", new TreeMap<>(failed), "firstError", new TreeMap<>(firstError));
    }

    @Override
    public synchronized String toString() {
        return "ok " + ok + ", failed " + failed + (firstError.isEmpty() ? "" : ", first errors " + firstError);
    }
}
