package io.roster.tools.bench.apps;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What `roster bench apps` prints: one {@link Result} per level, side by side, and the ratios of application-level to
 * interface-level. Pure, so the table and the JSON are tested without a cluster. A figure that could not be read is
 * null and printed as "-".
 */
public final class AppsBenchReport {
    /**
     * The figures of one level, each a growth over the cluster as it was before the level's load.
     *
     * @param sessionPublishers  publishers on the sessions (their session.publishers gauges)
     * @param sessionSubscribers subscribers on the sessions (session.subscribers)
     * @param dataPublishers     publishers the data nodes hold, every copy (their heartbeat counts at the meta leader)
     * @param dataHeapBytes      the data processes' used heap after a full GC, or null when not measured
     * @param leavePushes        pushes the sessions had acked when one provider pod left (session.push.acked)
     * @param leavePushBytes     their bytes (session.push.bytes)
     * @param entriesHeld        entries the consumer clients hold, or null when not known
     * @param entriesSource      how {@code entriesHeld} was counted
     */
    public record Result(String level, long sessionPublishers, long sessionSubscribers, long dataPublishers, Long dataHeapBytes,
                         long leavePushes, long leavePushBytes, Long entriesHeld, String entriesSource, double registerSeconds) {
    }

    private final String shape;
    private final List<Result> results;

    public AppsBenchReport(String shape, List<Result> results) {
        this.shape = shape;
        this.results = List.copyOf(results);
    }

    /** The interface-level result and the application-level one, when both ran. */
    private Result level(String name) {
        return results.stream().filter(r -> r.level().equals(name)).findFirst().orElse(null);
    }

    /** Percent fewer publishers on the sessions at application level (100 x (1 - app / interface)), or null. */
    public Double publishersReducedPercent() {
        Result i = level(AppsBenchCommand.INTERFACE_LEVEL), a = level(AppsBenchCommand.APP_LEVEL);
        return i == null || a == null || i.sessionPublishers() == 0 ? null
                : 100.0 * (1 - (double) a.sessionPublishers() / i.sessionPublishers());
    }

    /** Application-level push bytes over interface-level push bytes when a pod leaves, or null. */
    public Double pushBytesRatio() {
        Result i = level(AppsBenchCommand.INTERFACE_LEVEL), a = level(AppsBenchCommand.APP_LEVEL);
        return i == null || a == null || i.leavePushBytes() == 0 ? null : (double) a.leavePushBytes() / i.leavePushBytes();
    }

    /** Application-level data heap over interface-level, or null. */
    public Double dataHeapRatio() {
        Result i = level(AppsBenchCommand.INTERFACE_LEVEL), a = level(AppsBenchCommand.APP_LEVEL);
        return i == null || a == null || i.dataHeapBytes() == null || a.dataHeapBytes() == null || i.dataHeapBytes() <= 0 ? null
                : (double) a.dataHeapBytes() / i.dataHeapBytes();
    }

    public Map<String, Object> json() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("shape", shape);
        m.put("levels", results.stream().map(r -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("level", r.level());
            row.put("sessionPublishers", r.sessionPublishers());
            row.put("sessionSubscribers", r.sessionSubscribers());
            row.put("dataPublishers", r.dataPublishers());
            row.put("dataHeapBytes", r.dataHeapBytes());
            row.put("leavePushes", r.leavePushes());
            row.put("leavePushBytes", r.leavePushBytes());
            row.put("consumerEntriesHeld", r.entriesHeld());
            row.put("consumerEntriesSource", r.entriesSource());
            row.put("registerSeconds", r.registerSeconds());
            return row;
        }).toList());
        Map<String, Object> ratios = new LinkedHashMap<>();
        ratios.put("publishersReducedPercent", publishersReducedPercent());
        ratios.put("pushBytesRatio", pushBytesRatio());
        ratios.put("dataHeapRatio", dataHeapRatio());
        m.put("ratios", ratios);
        return m;
    }

    public void print(PrintWriter out) {
        out.println("application-level discovery benchmark: " + shape);
        out.printf("%-12s %12s %12s %12s %14s %12s %14s %14s %9s%n", "LEVEL", "SESSION PUBS", "SESSION SUBS", "DATA PUBS",
                "DATA HEAP", "LEAVE PUSHES", "LEAVE BYTES", "CLIENT ENTRIES", "REGISTER");
        for (Result r : results) {
            out.printf("%-12s %12d %12d %12d %14s %12d %14d %14s %8.1fs%n", r.level(), r.sessionPublishers(), r.sessionSubscribers(),
                    r.dataPublishers(), orDash(r.dataHeapBytes()), r.leavePushes(), r.leavePushBytes(), orDash(r.entriesHeld()),
                    r.registerSeconds());
        }
        results.forEach(r -> out.println("client entries (" + r.level() + "): " + r.entriesSource()));
        out.println("publishers reduced: " + percent(publishersReducedPercent()) + ", push bytes when a pod leaves (app / interface): "
                + ratio(pushBytesRatio()) + ", data heap (app / interface): " + ratio(dataHeapRatio()));
        out.flush();
    }

    private static String orDash(Long v) {
        return v == null ? "-" : Long.toString(v);
    }

    private static String percent(Double v) {
        return v == null ? "-" : String.format("%.1f%%", v);
    }

    private static String ratio(Double v) {
        return v == null ? "-" : String.format("%.3f", v);
    }
}
