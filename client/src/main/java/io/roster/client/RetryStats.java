package io.roster.client;

/**
 * How a client's calls were retried; not API, for Roster's own benchmarks and tests: {@code RetryStats.of(client)}.
 *
 * @param rateLimitedAnswers RATE_LIMITED answers its registrations got (each sent again with backoff until taken; a
 *                           replay's are retried on the connection and not counted here)
 */
public record RetryStats(long rateLimitedAnswers) {
    /** The stats of {@code client}, one the SDK built. */
    public static RetryStats of(RosterClient client) {
        if (client instanceof DefaultRosterClient c) {
            return c.retryStats();
        }
        throw new IllegalArgumentException("not a client the SDK built: " + client);
    }
}
