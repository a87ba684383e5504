package io.roster.chaos.check;

import io.roster.chaos.history.Event;
import io.roster.chaos.history.History;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The windows in which an acknowledged item may be missing from pushes, each from a rule that says why:
 * <ul>
 *   <li>{@value #SESSION_PAUSE}: its client's session was paused (SIGSTOP) longer than the lease. Meta expires the
 *       session and data drops its publishers, as it should, until the client moves to another session (or the
 *       pause ends) and replays them. From the pause start + lease until the move or the pause end + the ghost
 *       bound. A client is taken to be on the paused session if its last connect before the pause start put it
 *       there: a client cannot connect to a stopped process, and once it moves the window closes anyway.</li>
 *   <li>{@value #CONNECTION_DROP}: the harness dropped its client's connection. A session drops every publisher
 *       of a closed connection until the SDK replays it; the replay is a change like any
 *       other, so from the drop until the drop + the convergence bound.</li>
 * </ul>
 */
final class Excuses {
    static final String SESSION_PAUSE = "pause-session";
    static final String CONNECTION_DROP = "drop-client";
    private static final String DROP_KIND = "drop";
    private static final String CLIENT_ROLE = "client";

    private final Map<String, List<ExcuseWindow>> byItem;

    private Excuses(Map<String, List<ExcuseWindow>> byItem) {
        this.byItem = byItem;
    }

    static Excuses of(History history, Publications publications, Connections connections,
                      List<SessionPause> pauses, CheckerOptions options) {
        Map<String, List<ItemSpan>> spansOfClient = new HashMap<>();
        for (List<ItemSpan> spans : publications.byPub()) {
            for (ItemSpan s : spans) {
                spansOfClient.computeIfAbsent(s.client(), k -> new ArrayList<>()).add(s);
            }
        }
        Map<String, List<ExcuseWindow>> byItem = new HashMap<>();
        for (SessionPause pause : pauses) {
            if (pause.pausedMs() <= options.leaseMs()) {
                continue;
            }
            spansOfClient.forEach((client, spans) -> {
                if (!pause.session().equals(connections.sessionAt(client, pause.start()).orElse(null))) {
                    return;
                }
                long back = Math.min(pause.end(),
                        connections.nextConnectAfter(client, pause.start()).orElse(Long.MAX_VALUE));
                for (ItemSpan span : spans) {
                    add(byItem, new ExcuseWindow(span, SESSION_PAUSE, pause.session(), pause.start(),
                            pause.pausedMs(), pause.start() + options.leaseMs(),
                            saturatedAdd(back, options.ghostBoundMs())));
                }
            });
        }
        for (Event e : history.events()) {
            if (e instanceof Event.Fault f && f.phase() == Event.Phase.START && DROP_KIND.equals(f.kind())
                    && CLIENT_ROLE.equals(f.role())) {
                for (ItemSpan span : spansOfClient.getOrDefault(f.target(), List.of())) {
                    if (span.liveAt(f.t())) {
                        add(byItem, new ExcuseWindow(span, CONNECTION_DROP, f.target(), f.t(), 0, f.t(),
                                saturatedAdd(f.t(), options.convergenceBoundMs())));
                    }
                }
            }
        }
        return new Excuses(byItem);
    }

    private static void add(Map<String, List<ExcuseWindow>> byItem, ExcuseWindow w) {
        if (w.from() < w.span().goneAt() && w.until() >= w.span().from()) {
            byItem.computeIfAbsent(w.span().item(), k -> new ArrayList<>()).add(w);
        }
    }

    private static long saturatedAdd(long a, long b) {
        long sum = a + b;
        return sum < a ? Long.MAX_VALUE : sum;
    }

    /**
     * The window that lets {@code item} be missing at {@code t}, if any: of several, the one whose fault came last,
     * the likeliest cause (a client dropped twice within the bound is missing because of the second drop).
     */
    Optional<ExcuseWindow> find(String item, long t) {
        ExcuseWindow found = null;
        for (ExcuseWindow w : byItem.getOrDefault(item, List.of())) {
            if (w.covers(t) && (found == null || w.faultAt() > found.faultAt())) {
                found = w;
            }
        }
        return Optional.ofNullable(found);
    }

    boolean covers(String item, long t) {
        return find(item, t).isPresent();
    }
}
