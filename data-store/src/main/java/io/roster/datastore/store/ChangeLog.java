package io.roster.datastore.store;

import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * What the last few committed edits of one datum touched: per edit, the version it was made on and the registerIds it
 * wrote or removed. Immutable; each edit's next {@link StoredDatum} gets a copy with one more entry (the oldest goes
 * beyond {@link #DEPTH}). Only an edit ({@link SlotData#next}) carries a log on to the next version: every other way a
 * datum is replaced (a follower's install, a restore from disk, a collection, a slot drop) builds a StoredDatum
 * without one, so no delta is ever computed across a change the log did not see. A log belongs to one leaderEpoch
 * of the slot: the first edit under another one starts it over, so no delta spans a change of leader either.
 */
final class ChangeLog {
    static final int DEPTH = 16;
    /** More registerIds than this in the log and the oldest entries go: a delta that large is no cheaper than whole. */
    static final int MAX_IDS = 512;
    private final long leaderEpoch;
    private final long[] bases;
    private final String[][] touched;

    private ChangeLog(long leaderEpoch, long[] bases, String[][] touched) {
        this.leaderEpoch = leaderEpoch;
        this.bases = bases;
        this.touched = touched;
    }

    /** A log with no edits yet, of the slot's {@code leaderEpoch}. */
    static ChangeLog started(long leaderEpoch) {
        return new ChangeLog(leaderEpoch, new long[0], new String[0][]);
    }

    long leaderEpoch() {
        return leaderEpoch;
    }

    /** The log after an edit under {@code epoch}: this one with it appended, or a new one under another epoch. */
    ChangeLog next(long epoch, long base, Collection<String> ids) {
        return epoch == leaderEpoch ? append(base, ids) : started(epoch);
    }

    /** This log with one more edit, made on version {@code base}, that wrote or removed {@code ids}. */
    ChangeLog append(long base, Collection<String> ids) {
        int total = ids.size();
        int keep = 0;
        while (keep < bases.length && keep < DEPTH - 1 && total + touched[bases.length - 1 - keep].length <= MAX_IDS) {
            total += touched[bases.length - 1 - keep].length;
            keep++;
        }
        long[] b = new long[keep + 1];
        String[][] t = new String[keep + 1][];
        System.arraycopy(bases, bases.length - keep, b, 0, keep);
        System.arraycopy(touched, touched.length - keep, t, 0, keep);
        b[keep] = base;
        t[keep] = ids.toArray(new String[0]);
        return new ChangeLog(leaderEpoch, b, t);
    }

    /**
     * The registerIds touched since {@code base} up to the version this log belongs to ({@code current}), or null if
     * the log does not reach back to {@code base}.
     */
    Set<String> touchedSince(long base, long current) {
        if (base == current) {
            return Set.of();
        }
        for (int i = 0; i < bases.length; i++) {
            if (bases[i] == base) {
                Set<String> ids = new LinkedHashSet<>();
                for (int j = i; j < touched.length; j++) {
                    ids.addAll(Arrays.asList(touched[j]));
                }
                return ids;
            }
        }
        return null;
    }

    int size() {
        return bases.length;
    }
}
