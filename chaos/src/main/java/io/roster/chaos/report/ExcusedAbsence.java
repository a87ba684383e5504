package io.roster.chaos.report;

/**
 * A pinned publisher missing from pushes because its session was paused for longer than the lease: data let the
 * session's lease run out and dropped its publishers, as it should, until the client came back through another
 * session (or the pause ended) and the data path caught up. Not a violation, but worth knowing how long it lasted.
 *
 * @param pausedMs       how long the session was paused (to the end of the history if it never resumed)
 * @param firstMissingAt the first push that lacked the item
 * @param lastMissingAt  the last push that lacked the item
 * @param absentMs       {@code lastMissingAt - firstMissingAt}
 * @param missingPushes  how many pushes (to any subscriber) lacked it
 */
public record ExcusedAbsence(String dataId, String pub, String client, String item, String session,
                             long pausedAt, long pausedMs, long firstMissingAt, long lastMissingAt, long absentMs,
                             int missingPushes) {
}
