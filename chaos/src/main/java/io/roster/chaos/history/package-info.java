/**
 * A chaos run's history: {@link io.roster.chaos.history.Event}s, one JSON line each, appended during the run by a
 * {@link io.roster.chaos.history.HistoryWriter} and read back, sorted by time, as a
 * {@link io.roster.chaos.history.History} by {@link io.roster.chaos.history.HistoryReader}. The line format is in
 * {@link io.roster.chaos.history.EventJson}.
 */
package io.roster.chaos.history;
