package io.roster.datastore.slot;

/**
 * One slot as this node holds it, an entry of {@link SlotStates}: its phase, the leaderEpoch of the table that gave
 * it that phase, and since when (wall-clock millis, for the MOVED drop delay and for reports).
 */
public record SlotState(int id, SlotPhase phase, long leaderEpoch, long sinceMillis) {
}
