package io.roster.chaos.report;

/**
 * An acknowledged publisher missing from pushes while a rule excused it (the checker's {@code Excuses}): its
 * session paused past the lease ({@code pause-session}: data let the lease run out and dropped the session's
 * publishers until the client came back through another session), or its client's connection dropped
 * ({@code drop-client}: the session dropped the connection's publishers until the SDK replayed them). Not a
 * violation, but how long it lasted is a figure of the run.
 *
 * @param excuse         the rule: {@code pause-session} or {@code drop-client}
 * @param target         the paused session's address, or the dropped client's label
 * @param faultAt        when the fault started
 * @param faultMs        how long it lasted (a pause to the end of the history if it never resumed; 0 for a drop)
 * @param firstMissingAt the first push that lacked the item
 * @param lastMissingAt  the last push that lacked the item
 * @param absentMs       {@code lastMissingAt - firstMissingAt}
 * @param missingPushes  how many pushes (to any subscriber) lacked it
 */
public record ExcusedAbsence(String dataId, String pub, String client, String item, String excuse, String target,
                             long faultAt, long faultMs, long firstMissingAt, long lastMissingAt, long absentMs,
                             int missingPushes) {
}
