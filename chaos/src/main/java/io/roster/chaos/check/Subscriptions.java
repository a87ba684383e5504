package io.roster.chaos.check;

import io.roster.chaos.history.Event;
import io.roster.chaos.history.History;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Every subscriber's span, from subscribe to unsubscribe or its client's close. */
final class Subscriptions {
    private final Map<String, SubSpan> bySub;

    private Subscriptions(Map<String, SubSpan> bySub) {
        this.bySub = bySub;
    }

    static Subscriptions of(History history) {
        Map<String, SubSpan> bySub = new LinkedHashMap<>();
        Map<String, Set<String>> openByClient = new HashMap<>();
        for (Event e : history.events()) {
            if (e instanceof Event.Subscribe s) {
                bySub.put(s.sub(), new SubSpan(s.sub(), s.client(), s.dataId(), s.t(), ItemSpan.NEVER));
                openByClient.computeIfAbsent(s.client(), k -> new LinkedHashSet<>()).add(s.sub());
            } else if (e instanceof Event.Unsubscribe u) {
                stop(bySub, u.sub(), u.t());
            } else if (e instanceof Event.Close c) {
                for (String sub : openByClient.getOrDefault(c.client(), Set.of())) {
                    stop(bySub, sub, c.t());
                }
                openByClient.remove(c.client());
            }
        }
        return new Subscriptions(bySub);
    }

    private static void stop(Map<String, SubSpan> bySub, String sub, long t) {
        SubSpan s = bySub.get(sub);
        if (s != null && s.until() == ItemSpan.NEVER) {
            bySub.put(sub, new SubSpan(s.sub(), s.client(), s.dataId(), s.from(), t));
        }
    }

    Optional<SubSpan> get(String sub) {
        return Optional.ofNullable(bySub.get(sub));
    }

    Collection<SubSpan> all() {
        return bySub.values();
    }
}
