package io.roster.common.slot;

import java.util.Collection;
import java.util.TreeSet;

/**
 * Slot ids as an operator reads them in a log line: sorted, duplicates dropped, consecutive runs as ranges
 * ({@code 0-63,128-191,200}), so a line about 256 slots stays short. The empty set is {@code none}. A scattered set
 * (every other slot, as the scheduler spreads leaders) prints its first {@value #MAX_RANGES} runs and how many
 * slots more: {@code roster slots} shows the whole table.
 */
public final class SlotRanges {
    private SlotRanges() {
    }

    /** Runs printed before the rest is summed up as "and N more". */
    public static final int MAX_RANGES = 24;

    public static String format(Collection<Integer> slots) {
        return format(slots, MAX_RANGES);
    }

    /** As {@link #format(Collection)}, printing at most {@code maxRanges} runs. */
    public static String format(Collection<Integer> slots, int maxRanges) {
        if (slots.isEmpty()) {
            return "none";
        }
        StringBuilder out = new StringBuilder();
        int ranges = 0;
        int printed = 0;
        int start = -1;
        int prev = -1;
        TreeSet<Integer> sorted = new TreeSet<>(slots);
        for (int slot : sorted) {
            if (start < 0) {
                start = slot;
            } else if (slot != prev + 1) {
                if (ranges++ < maxRanges) {
                    printed += append(out, start, prev);
                }
                start = slot;
            }
            prev = slot;
        }
        if (ranges++ < maxRanges) {
            printed += append(out, start, prev);
        }
        if (printed < sorted.size()) {
            out.append(" and ").append(sorted.size() - printed).append(" more");
        }
        return out.toString();
    }

    /** Appends from-to (or one slot) and returns how many slots it names. */
    private static int append(StringBuilder out, int from, int to) {
        if (!out.isEmpty()) {
            out.append(',');
        }
        out.append(from);
        if (to > from) {
            out.append('-').append(to);
        }
        return to - from + 1;
    }
}
