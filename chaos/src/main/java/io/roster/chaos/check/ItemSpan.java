package io.roster.chaos.check;

/**
 * One item while its publisher held it: from the publish that set it until the republish, unpublish or close that
 * ended it. Items are unique in a run, so a span is what an item in a push is checked against.
 *
 * @param goneAt {@link #NEVER} while still published at the end of the history
 * @param goneBy what ended it, for violation details; null while still published
 * @param withdrawnFrom when the call that ended it started ({@link #NEVER} while still published): from then on
 *                      the session may already have taken it away, so its absence is no longer judged
 */
record ItemSpan(String item, String pub, String client, String dataId, boolean pinned, long from, long goneAt,
                String goneBy, long withdrawnFrom) {
    static final long NEVER = Long.MAX_VALUE;

    boolean liveAt(long t) {
        return from <= t && t < goneAt;
    }

    ItemSpan endedAt(long t, String by, long calledAt) {
        return new ItemSpan(item, pub, client, dataId, pinned, from, t, by, Math.min(calledAt, t));
    }
}
