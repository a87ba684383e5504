package io.roster.chaos.check;

/**
 * One subscriber while it listened.
 *
 * @param until its unsubscribe or its client's close; {@link ItemSpan#NEVER} if neither happened
 */
record SubSpan(String sub, String client, String dataId, long from, long until) {
    boolean liveAt(long t) {
        return from <= t && t < until;
    }
}
