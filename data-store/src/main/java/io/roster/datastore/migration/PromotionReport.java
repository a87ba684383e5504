package io.roster.datastore.migration;

import io.roster.common.model.ProcessId;

import java.util.List;
import java.util.Map;

/**
 * What one reconciliation round did: the slots that entered ACCEPT, how long they had been MIGRATING, how many datums
 * changed since the last report, and the live session processes that had not answered past the bound.
 *
 * @param unansweredSessions session process -> why it has not answered (timeout, error, its address answers as
 *                           another process); for accepted slots, their publishers were kept as the warm copy had them
 * @param heldSlots          cold copies past the bound with a live session silent: still MIGRATING, not served
 */
public record PromotionReport(List<Integer> acceptedSlots, long startedAtMillis, long tookMillis, int changedDatums,
                              int sessionsAsked, Map<ProcessId, String> unansweredSessions, List<Integer> heldSlots) {
    public PromotionReport {
        acceptedSlots = List.copyOf(acceptedSlots);
        unansweredSessions = Map.copyOf(unansweredSessions);
        heldSlots = List.copyOf(heldSlots);
    }

    public boolean complete() {
        return unansweredSessions.isEmpty();
    }
}
