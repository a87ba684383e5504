package io.roster.chaos.check;

/**
 * When a pinned item may be missing from pushes because its client's session was paused past the lease: from the
 * lease running out until the client moved (or the pause ended) plus the ghost bound for the data path to catch
 * up. Both ends inclusive.
 */
record ExcuseWindow(ItemSpan span, SessionPause pause, long from, long until) {
    boolean covers(long t) {
        return from <= t && t <= until;
    }
}
