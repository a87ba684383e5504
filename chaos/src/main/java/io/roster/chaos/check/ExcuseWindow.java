package io.roster.chaos.check;

/**
 * When an item may be missing from pushes, and the fault that allows it. Both ends inclusive.
 *
 * @param excuse  the rule: {@link Excuses#SESSION_PAUSE} or {@link Excuses#CONNECTION_DROP}
 * @param target  the paused session's address, or the dropped client's label
 * @param faultAt when the fault started
 * @param faultMs how long it lasted (0 for a drop, which is instant)
 */
record ExcuseWindow(ItemSpan span, String excuse, String target, long faultAt, long faultMs, long from, long until) {
    boolean covers(long t) {
        return from <= t && t <= until;
    }
}
