package io.roster.chaos.check;

import io.roster.chaos.history.Event;
import io.roster.chaos.history.History;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Every item's span, from the successful publish calls. A failed call changes nothing here: whether the session
 * took it is unknown, which {@link Uncertainty} answers for.
 */
final class Publications {
    private final Map<String, List<ItemSpan>> byPub;
    private final Map<String, List<ItemSpan>> byItem;
    private final List<Event.PublishFailed> failures;
    private final List<Event.UnpublishFailed> unpublishFailures;

    private Publications(Map<String, List<ItemSpan>> byPub, List<Event.PublishFailed> failures,
                         List<Event.UnpublishFailed> unpublishFailures) {
        this.byPub = byPub;
        this.failures = List.copyOf(failures);
        this.unpublishFailures = List.copyOf(unpublishFailures);
        Map<String, List<ItemSpan>> items = new HashMap<>();
        byPub.values().forEach(spans -> spans.forEach(
                s -> items.computeIfAbsent(s.item(), k -> new ArrayList<>()).add(s)));
        this.byItem = items;
    }

    static Publications of(History history) {
        Map<String, List<ItemSpan>> byPub = new LinkedHashMap<>();
        Map<String, ItemSpan> open = new HashMap<>();
        Map<String, Set<String>> openByClient = new HashMap<>();
        List<Event.PublishFailed> failures = new ArrayList<>();
        List<Event.UnpublishFailed> unpublishFailures = new ArrayList<>();
        for (Event e : history.events()) {
            if (e instanceof Event.Publish p) {
                ItemSpan previous = open.remove(p.pub());
                if (previous != null) {
                    end(byPub, previous, p.t(), "republish as \"" + p.item() + "\"", p.calledAt());
                }
                open.put(p.pub(), new ItemSpan(p.item(), p.pub(), p.client(), p.dataId(), p.pinned(), p.t(),
                        ItemSpan.NEVER, null, ItemSpan.NEVER));
                openByClient.computeIfAbsent(p.client(), k -> new LinkedHashSet<>()).add(p.pub());
            } else if (e instanceof Event.Unpublish u) {
                ItemSpan previous = open.remove(u.pub());
                if (previous != null) {
                    end(byPub, previous, u.t(), "unpublish", u.calledAt());
                }
            } else if (e instanceof Event.Close c) {
                for (String pub : openByClient.getOrDefault(c.client(), Set.of())) {
                    ItemSpan previous = open.remove(pub);
                    if (previous != null) {
                        end(byPub, previous, c.t(), "close of client " + c.client(), c.calledAt());
                    }
                }
                openByClient.remove(c.client());
            } else if (e instanceof Event.PublishFailed f) {
                failures.add(f);
            } else if (e instanceof Event.UnpublishFailed f) {
                unpublishFailures.add(f);
            }
        }
        open.values().forEach(s -> byPub.computeIfAbsent(s.pub(), k -> new ArrayList<>()).add(s));
        byPub.values().forEach(spans -> spans.sort((a, b) -> Long.compare(a.from(), b.from())));
        return new Publications(byPub, failures, unpublishFailures);
    }

    private static void end(Map<String, List<ItemSpan>> byPub, ItemSpan span, long t, String by, long calledAt) {
        byPub.computeIfAbsent(span.pub(), k -> new ArrayList<>()).add(span.endedAt(t, by, calledAt));
    }

    /** Spans of {@code item}; more than one only if a recorder broke the one-publish-per-item rule. */
    List<ItemSpan> ofItem(String item) {
        return byItem.getOrDefault(item, List.of());
    }

    List<ItemSpan> ofPub(String pub) {
        return byPub.getOrDefault(pub, List.of());
    }

    Optional<ItemSpan> liveAt(String pub, long t) {
        return ofPub(pub).stream().filter(s -> s.liveAt(t)).findFirst();
    }

    Collection<List<ItemSpan>> byPub() {
        return byPub.values();
    }

    List<Event.PublishFailed> failures() {
        return failures;
    }

    List<Event.UnpublishFailed> unpublishFailures() {
        return unpublishFailures;
    }
}
