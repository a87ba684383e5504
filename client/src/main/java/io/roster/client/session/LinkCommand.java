package io.roster.client.session;

/**
 * What the {@link LinkStateMachine} asks its shell ({@link SessionLink}) to do. {@code C} is the connection type:
 * bolt's {@code Connection} in the shell, anything with an identity in tests.
 */
public sealed interface LinkCommand<C> {

    /** Run the next connection attempt after {@code delayMillis}; the address is chosen when it runs. */
    record ScheduleAttempt<C>(long delayMillis) implements LinkCommand<C> {
    }

    /** Open a connection to {@code address} now; report {@code connected} or {@code connectFailed}. */
    record Connect<C>(String address) implements LinkCommand<C> {
    }

    /**
     * Capture the registrations in this same step (so that no change slips in between) and send them on
     * {@code connection}, numbered {@code generation}; report {@code replayDone}.
     */
    record Replay<C>(C connection, String address, long generation) implements LinkCommand<C> {
    }

    /** Close {@code connection}; its session then drops what it held of this client. */
    record Close<C>(C connection) implements LinkCommand<C> {
    }

    /**
     * {@code connection} was just taken into use. A close that raced with that was ignored as not-current, so check
     * that it is still open and report it lost if not.
     */
    record ConfirmOpen<C>(C connection) implements LinkCommand<C> {
    }

    /** The state changed: calls waiting for a connection, or pausing a replay, look again (and fail once closed). */
    record WakeWaiters<C>() implements LinkCommand<C> {
    }

    /** A line for the operator's log. */
    record Log<C>(boolean warning, String message) implements LinkCommand<C> {
    }
}
