package io.roster.chaos.check;

import io.roster.chaos.history.Event;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which items no check may judge, and when. A publish call that threw leaves two items in doubt:
 * <ul>
 *   <li>its own item, which the session may have taken (or an SDK replay may bring later), until a later call
 *       publishes that same item successfully, from when it is an ordinary item;</li>
 *   <li>the item its publisher held, which that call may have replaced, until the publisher's next successful
 *       call ends it. From then on it is ordinary again: gone either way, so the ghost check applies.</li>
 * </ul>
 * An unpublish call that threw likewise leaves the item its publisher held in doubt (the session may have dropped
 * it while the SDK still holds it) until the publisher's next successful call or its client's close.
 * <p>
 * A doubt holds for one dataId: items are unique in a run, but a derived item (a converted one, or a copy in a
 * {@code subscribeInterface} view) has the same text under several dataIds, and a call may change one of them only.
 * {@link ItemDoubt}s add what a failed call may have shown beyond its own items, until it is settled plus the ghost
 * bound.
 */
final class Uncertainty {
    private record Doubt(long from, long until) {
        boolean covers(long t) {
            return from <= t && t < until;
        }
    }

    private final Map<String, List<Doubt>> doubts;
    private final Map<String, List<ItemDoubt>> shown;
    private final int failedItems;

    private Uncertainty(Map<String, List<Doubt>> doubts, Map<String, List<ItemDoubt>> shown, int failedItems) {
        this.doubts = doubts;
        this.shown = shown;
        this.failedItems = failedItems;
    }

    static Uncertainty of(Publications publications) {
        return of(publications, List.of(), 0);
    }

    static Uncertainty of(Publications publications, List<ItemDoubt> shown, long ghostBoundMs) {
        Map<String, List<Doubt>> doubts = new HashMap<>();
        Set<String> failed = new HashSet<>();
        for (Event.PublishFailed f : publications.failures()) {
            failed.add(f.item());
            long confirmedAt = publications.ofItem(f.item()).stream().filter(s -> s.dataId().equals(f.dataId()))
                    .mapToLong(ItemSpan::from).filter(from -> from >= f.t()).min().orElse(ItemSpan.NEVER);
            add(doubts, f.dataId(), f.item(), new Doubt(Long.MIN_VALUE, confirmedAt));
            Optional<ItemSpan> held = publications.liveAt(f.pub(), f.t());
            held.filter(s -> !s.item().equals(f.item()))
                    .ifPresent(s -> add(doubts, s.dataId(), s.item(), new Doubt(f.calledAt(), s.goneAt())));
        }
        for (Event.UnpublishFailed f : publications.unpublishFailures()) {
            publications.liveAt(f.pub(), f.t())
                    .ifPresent(s -> add(doubts, s.dataId(), s.item(), new Doubt(f.calledAt(), s.goneAt())));
        }
        Map<String, List<ItemDoubt>> shownByKey = new HashMap<>();
        for (ItemDoubt d : shown) {
            shownByKey.computeIfAbsent(key(d.dataId(), d.item()), k -> new ArrayList<>()).add(d);
            long until = d.settledAt() == ItemSpan.NEVER || d.settledAt() + ghostBoundMs < d.settledAt()
                    ? ItemSpan.NEVER : d.settledAt() + ghostBoundMs;
            add(doubts, d.dataId(), d.item(), new Doubt(d.from(), until));
        }
        return new Uncertainty(doubts, shownByKey, failed.size());
    }

    private static void add(Map<String, List<Doubt>> doubts, String dataId, String item, Doubt doubt) {
        doubts.computeIfAbsent(key(dataId, item), k -> new ArrayList<>()).add(doubt);
    }

    private static String key(String dataId, String item) {
        return dataId + '\n' + item;
    }

    /** Whether {@code item} is in doubt under {@code dataId} at {@code t}. */
    boolean at(String dataId, String item, long t) {
        List<Doubt> list = doubts.get(key(dataId, item));
        if (list == null) {
            return false;
        }
        for (Doubt d : list) {
            if (d.covers(t)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The {@link ItemDoubt}s of {@code item} under {@code dataId}: where no call published it there, these are the
     * spans in which it could be listed, so one listed after them all is a ghost, not an unknown item.
     */
    List<ItemDoubt> shownOf(String dataId, String item) {
        return shown.getOrDefault(key(dataId, item), List.of());
    }

    /** Distinct items of failed publish calls. */
    int failedItems() {
        return failedItems;
    }
}
