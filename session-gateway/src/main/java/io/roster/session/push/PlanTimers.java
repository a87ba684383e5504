package io.roster.session.push;

import io.roster.session.push.PushCommand.WakeAt;

import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * The {@link PushPlan}'s timers: tasks due at a time, in order of time and then of adding, and the wake-ups the
 * plan asked its shell for and did not get yet, so it asks once per earliest due time. Part of the plan, not
 * thread-safe.
 */
final class PlanTimers<T> {
    private final PriorityQueue<Timer<T>> timers = new PriorityQueue<>();
    /** Times the shell was asked to wake the plan at and has not yet. */
    private final TreeSet<Long> armed = new TreeSet<>();
    private long lastTimer;

    private record Timer<T>(long due, long seq, T task) implements Comparable<Timer<T>> {
        @Override
        public int compareTo(Timer<T> o) {
            return due != o.due ? Long.compare(due, o.due) : Long.compare(seq, o.seq);
        }
    }

    /** Adds {@code task}, due at {@code due}; asks for a wake-up in {@code out} if none comes by then. */
    void add(long due, T task, List<PushCommand> out) {
        timers.add(new Timer<>(due, ++lastTimer, task));
        arm(out);
    }

    /** Whether a task waiting here matches {@code test}. */
    boolean any(Predicate<T> test) {
        return timers.stream().anyMatch(t -> test.test(t.task()));
    }

    /** The time is {@code now}: takes the tasks due by then, in order. Call {@link #arm} after running them. */
    List<T> takeDue(long now) {
        armed.headSet(now, true).clear();
        List<T> due = new ArrayList<>();
        while (!timers.isEmpty() && timers.peek().due() <= now) {
            due.add(timers.poll().task());
        }
        return due;
    }

    /** Asks for a wake-up at the earliest timer, unless one was asked for at or before it already. */
    void arm(List<PushCommand> out) {
        Timer<T> first = timers.peek();
        if (first != null && (armed.isEmpty() || armed.first() > first.due())) {
            armed.add(first.due());
            out.add(new WakeAt(first.due()));
        }
    }
}
