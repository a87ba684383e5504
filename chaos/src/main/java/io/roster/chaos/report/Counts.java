package io.roster.chaos.report;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * What happened in the run, to judge whether it exercised anything.
 *
 * @param eventsByType   every history line by its type (publish, push, fault, ...)
 * @param faultsByKind   faults injected, counted by their start, keyed kind-role (kill-data, pause-session, ...)
 * @param pushBytes      sum of the pushes' {@code bytes} where the recorder gave it
 * @param uncertainItems distinct items of publishes whose call threw, which no check judges
 */
public record Counts(Map<String, Long> eventsByType, Map<String, Long> faultsByKind, long pushes, long pushBytes,
                     int uncertainItems) {
    public Counts {
        // Sorted so that report.json and report.txt read the same from run to run.
        eventsByType = Collections.unmodifiableMap(new TreeMap<>(eventsByType));
        faultsByKind = Collections.unmodifiableMap(new TreeMap<>(faultsByKind));
    }
}
