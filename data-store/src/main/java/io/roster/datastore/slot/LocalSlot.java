package io.roster.datastore.slot;

/**
 * One slot as this node holds it: its phase, the leaderEpoch of the table that gave it that phase, and since when
 * (wall-clock millis, for the MOVED drop delay and for reports).
 */
public record LocalSlot(int id, SlotPhase phase, long leaderEpoch, long sinceMillis) {
}
