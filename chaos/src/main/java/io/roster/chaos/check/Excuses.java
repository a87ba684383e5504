package io.roster.chaos.check;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The excuse windows of pinned items, from the session pauses longer than the lease. */
final class Excuses {
    private final Map<String, List<ExcuseWindow>> byItem;

    private Excuses(Map<String, List<ExcuseWindow>> byItem) {
        this.byItem = byItem;
    }

    /**
     * A pinned client is taken to be on the paused session if that is where its last connect before the pause
     * start put it: a client cannot connect to a stopped process, and once it moves the window closes anyway.
     */
    static Excuses of(Publications publications, Connections connections, List<SessionPause> pauses,
                      CheckerOptions options) {
        Map<String, List<ExcuseWindow>> byItem = new HashMap<>();
        for (SessionPause pause : pauses) {
            if (pause.pausedMs() <= options.leaseMs()) {
                continue;
            }
            for (List<ItemSpan> spans : publications.byPub()) {
                for (ItemSpan span : spans) {
                    if (!span.pinned() || !pause.session().equals(
                            connections.sessionAt(span.client(), pause.start()).orElse(null))) {
                        continue;
                    }
                    long back = Math.min(pause.end(),
                            connections.nextConnectAfter(span.client(), pause.start()).orElse(Long.MAX_VALUE));
                    ExcuseWindow w = new ExcuseWindow(span, pause, pause.start() + options.leaseMs(),
                            saturatedAdd(back, options.ghostBoundMs()));
                    byItem.computeIfAbsent(span.item(), k -> new ArrayList<>()).add(w);
                }
            }
        }
        return new Excuses(byItem);
    }

    private static long saturatedAdd(long a, long b) {
        long sum = a + b;
        return sum < a ? Long.MAX_VALUE : sum;
    }

    /** The window that lets {@code item} be missing at {@code t}, if any. */
    Optional<ExcuseWindow> find(String item, long t) {
        for (ExcuseWindow w : byItem.getOrDefault(item, List.of())) {
            if (w.covers(t)) {
                return Optional.of(w);
            }
        }
        return Optional.empty();
    }

    boolean covers(String item, long t) {
        return find(item, t).isPresent();
    }
}
