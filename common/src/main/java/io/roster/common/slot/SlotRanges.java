package io.roster.common.slot;

import java.util.Collection;
import java.util.TreeSet;

/**
 * Slot ids as an operator reads them in a log line: sorted, duplicates dropped, consecutive runs as ranges
 * ({@code 0-63,128-191,200}), so a line about 256 slots stays short. The empty set is {@code none}.
 */
public final class SlotRanges {
    private SlotRanges() {
    }

    public static String format(Collection<Integer> slots) {
        if (slots.isEmpty()) {
            return "none";
        }
        StringBuilder out = new StringBuilder();
        int start = -1;
        int prev = -1;
        for (int slot : new TreeSet<>(slots)) {
            if (start < 0) {
                start = slot;
            } else if (slot != prev + 1) {
                append(out, start, prev);
                start = slot;
            }
            prev = slot;
        }
        append(out, start, prev);
        return out.toString();
    }

    private static void append(StringBuilder out, int from, int to) {
        if (!out.isEmpty()) {
            out.append(',');
        }
        out.append(from);
        if (to > from) {
            out.append('-').append(to);
        }
    }
}
