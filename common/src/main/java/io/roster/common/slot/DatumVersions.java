package io.roster.common.slot;

/**
 * The version rule of ARCHITECTURE.md invariant 1: a datum's version strictly increases across leader changes and
 * restarts without trusting any clock. The slot's leaderEpoch (raised by meta, through Raft, on every change of
 * leader) fills the high 32 bits; a per-datum counter fills the low ones. A new leader's first version is
 * therefore above anything an older leader could have handed out.
 */
public final class DatumVersions {
    private DatumVersions() {
    }

    /** The first version a leader at {@code leaderEpoch} may hand out. */
    public static long floor(long leaderEpoch) {
        if (leaderEpoch < 0 || leaderEpoch > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("leaderEpoch out of range: " + leaderEpoch);
        }
        return leaderEpoch << 32;
    }

    /** The version after {@code previous}, written by the leader at {@code leaderEpoch}. */
    public static long next(long previous, long leaderEpoch) {
        return Math.max(previous + 1, floor(leaderEpoch) + 1);
    }

    public static long epochOf(long version) {
        return version >>> 32;
    }
}
