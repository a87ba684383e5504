package io.roster.chaos.report;

import io.roster.chaos.history.Event;

import java.util.List;
import java.util.Objects;

/**
 * One broken promise, with enough of the history to diagnose it from the report alone.
 *
 * @param sub     the subscriber concerned, or null when none is (a change nobody was subscribed to yet)
 * @param t       the push's time, or for {@link ViolationKind#NOT_CONVERGED} the change's
 * @param detail  one line saying what was wrong
 * @param history the events of {@code dataId} and every fault and connect around {@code t}, in time order
 */
public record Violation(ViolationKind kind, String dataId, String sub, long t, String detail, List<Event> history) {
    public Violation {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(dataId, "dataId");
        Objects.requireNonNull(detail, "detail");
        history = List.copyOf(history);
    }
}
