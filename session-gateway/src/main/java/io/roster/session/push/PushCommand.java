package io.roster.session.push;

import io.roster.common.model.Datum;
import io.roster.session.registry.ConnectionHandle;
import io.roster.session.registry.SubscriberRecord;

import java.util.List;

/** What the {@link PushPlan} asks its shell to do; the shell reports the outcome back as an event. */
public sealed interface PushCommand {

    /** Read the datum of {@code dataInfoId}, then report {@link PushPlan#datumRead} or {@link PushPlan#readFailed}. */
    record ReadDatum(long round, String dataInfoId) implements PushCommand {
    }

    /**
     * Push {@code datum} to {@code subscribers}, all of {@code connection}, without waiting; report
     * {@link PushPlan#pushEnded} when the client acked, refused, failed or timed out. {@code sinceMillis} is when the
     * change (or subscription) that led to it arrived, for the latency figure.
     */
    record SendPush(ConnectionHandle connection, Datum datum, List<SubscriberRecord> subscribers, long sinceMillis)
            implements PushCommand {
    }

    /** Call {@link PushPlan#tick} at {@code atMillis} (or later). */
    record WakeAt(long atMillis) implements PushCommand {
    }

    /** {@code version} reached these subscribers' client. */
    record MarkPushed(List<SubscriberRecord> subscribers, long version) implements PushCommand {
    }

    /** Pushes to these subscribers failed {@link PushPlan#MAX_ATTEMPTS} times: leave them alone until {@code untilMillis}. */
    record Pause(String dataInfoId, List<SubscriberRecord> subscribers, long untilMillis) implements PushCommand {
    }

    /** A push of {@code dataInfoId} to {@code connection} waits for a place under the per-client cap (a figure). */
    record Deferred(ConnectionHandle connection, String dataInfoId) implements PushCommand {
    }

    /**
     * The version check found {@code dataInfoId} at {@code dataVersion} at its slot leader, a subscriber here at
     * {@code pushedVersion} below it, and no round of it under way here: a real gap (a lost change notice, or a
     * subscriber whose pause is over), repaired by the round that follows (a figure, logged).
     */
    record Repaired(String dataInfoId, long dataVersion, long pushedVersion) implements PushCommand {
    }

    /** A read or a push of {@code dataInfoId} failed and will be tried again (a figure). */
    record Retried(String dataInfoId) implements PushCommand {
    }

    /**
     * Starting a due round of {@code dataInfoId} failed unexpectedly (e.g. the registry threw): that round is lost,
     * as a single failed task would be, and the shell logs it; the other due rounds and the timers go on.
     */
    record RoundFailed(String dataInfoId, RuntimeException cause) implements PushCommand {
    }
}
