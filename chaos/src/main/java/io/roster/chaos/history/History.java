package io.roster.chaos.history;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalLong;

/**
 * The events of one run in time order. The recorder appends from many threads, each stamping t before it takes the
 * file's lock, so lines can be slightly out of order; sorting here (stably, so events of one millisecond keep the
 * order they were written in) gives every check the same timeline.
 */
public final class History {
    private final List<Event> events;

    public History(List<Event> events) {
        List<Event> sorted = new ArrayList<>(events);
        sorted.sort(Comparator.comparingLong(Event::t)); // List.sort is a stable merge sort
        this.events = List.copyOf(sorted);
    }

    /** All events, sorted by t; unmodifiable. */
    public List<Event> events() {
        return events;
    }

    public int size() {
        return events.size();
    }

    /**
     * The events up to and including {@code t}. A run's clients go on receiving pushes while they close after
     * {@code end}; the checker judges only what came before.
     */
    public History until(long t) {
        return new History(events.stream().filter(e -> e.t() <= t).toList());
    }

    /** The first {@code steady}, if the run got that far. */
    public OptionalLong steadyAt() {
        return firstOf(Event.Steady.class);
    }

    public OptionalLong quiesceAt() {
        return firstOf(Event.Quiesce.class);
    }

    /**
     * When the history ends: its {@code end} event, or else its last event (a run cut short still has a last
     * moment up to which it can be judged), or 0 when empty.
     */
    public long endAt() {
        OptionalLong end = firstOf(Event.End.class);
        if (end.isPresent()) {
            return end.getAsLong();
        }
        return events.isEmpty() ? 0 : events.get(events.size() - 1).t();
    }

    private OptionalLong firstOf(Class<? extends Event> type) {
        for (Event e : events) {
            if (type.isInstance(e)) {
                return OptionalLong.of(e.t());
            }
        }
        return OptionalLong.empty();
    }
}
