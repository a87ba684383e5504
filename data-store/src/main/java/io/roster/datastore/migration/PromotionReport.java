package io.roster.datastore.migration;

import java.util.List;
import java.util.Map;

/**
 * What one reconciliation round did: the slots that entered ACCEPT, how long it took from the start of the round,
 * how many datums it changed, and the sessions that did not answer in time (their publishers in these slots are
 * reconciled by their next periodic digest instead).
 *
 * @param unansweredSessions session address -> why it was not reconciled (timeout, error)
 */
public record PromotionReport(List<Integer> acceptedSlots, long startedAtMillis, long tookMillis, int changedDatums,
                              int sessionsAsked, Map<String, String> unansweredSessions) {
    public PromotionReport {
        acceptedSlots = List.copyOf(acceptedSlots);
        unansweredSessions = Map.copyOf(unansweredSessions);
    }

    public boolean complete() {
        return unansweredSessions.isEmpty();
    }
}
