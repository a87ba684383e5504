package io.roster.chaos.check;

import io.roster.chaos.history.Event;
import io.roster.chaos.history.History;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A session process stopped (SIGSTOP) but not dead: its connections stay open, so its clients do not move at
 * once, while data stops hearing from it. The only fault that can excuse a pinned publisher's absence.
 *
 * @param end   its end fault, or the end of the history if it never resumed
 * @param ended whether an end fault was recorded
 */
record SessionPause(String session, long start, long end, boolean ended) {
    static final String ROLE = "session";
    static final String KIND = "pause";
    private static final String RESUME = "resume";

    long pausedMs() {
        return end - start;
    }

    /**
     * Pairs each pause start on a session with the next end on it. The end may be recorded as kind pause or
     * resume; both are taken.
     */
    static List<SessionPause> of(History history) {
        List<SessionPause> pauses = new ArrayList<>();
        Map<String, Long> open = new HashMap<>();
        for (Event e : history.events()) {
            if (!(e instanceof Event.Fault f) || !ROLE.equals(f.role())) {
                continue;
            }
            if (f.phase() == Event.Phase.START && KIND.equals(f.kind())) {
                open.putIfAbsent(f.target(), f.t());
            } else if (f.phase() == Event.Phase.END && (KIND.equals(f.kind()) || RESUME.equals(f.kind()))) {
                Long start = open.remove(f.target());
                if (start != null) {
                    pauses.add(new SessionPause(f.target(), start, f.t(), true));
                }
            }
        }
        long end = history.endAt();
        open.forEach((session, start) -> pauses.add(new SessionPause(session, start, Math.max(start, end), false)));
        pauses.sort((a, b) -> Long.compare(a.start(), b.start()));
        return pauses;
    }
}
