package io.roster.client.push;

import io.roster.common.wire.PushEntry;
import io.roster.common.wire.PushMessage;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * The materialised copy of each subscription's data that delta pushes apply to: entries keyed by publisher
 * registerId, kept in the datum's order (each entry's order, its registerTimestamp, then its key: the order data
 * keeps publishers in, so the list a listener gets equals the one a full push carries). A copy is changed only
 * while a push is taken, before its ack, so it always equals the version this client last acked for that
 * subscription; the session's deltas start from exactly that version. Thread-safe.
 */
public final class PushCopies {
    private static final Comparator<PushEntry> ORDER =
            Comparator.comparingLong(PushEntry::order).thenComparing(PushEntry::key);

    /** What taking a push gave: the pushes to hand the dispatcher (whole lists), or a refusal naming the base. */
    public record Taken(List<PushMessage> toDispatch, String refusal) {
        public boolean refused() {
            return refusal != null;
        }
    }

    /** One subscription's list at {@code version}: by key, and in the datum's order. */
    private static final class Copy {
        long version;
        final Map<String, PushEntry> byKey = new HashMap<>();
        final TreeMap<PushEntry, PushEntry> inOrder = new TreeMap<>(ORDER);

        Copy(PushMessage full) {
            version = full.version();
            full.entries().forEach(this::put);
        }

        void put(PushEntry e) {
            remove(e.key());
            byKey.put(e.key(), e);
            inOrder.put(e, e);
        }

        void remove(String key) {
            PushEntry old = byKey.remove(key);
            if (old != null) {
                inOrder.remove(old);
            }
        }

        /** Applies {@code delta}, whose base is this copy's version: O(changes), not O(list). */
        void apply(PushMessage delta) {
            delta.removedKeys().forEach(this::remove);
            delta.entries().forEach(this::put);
            version = delta.version();
        }
    }

    private final Map<String, Copy> copies = new HashMap<>(); // guarded by this

    /**
     * Takes {@code push} (inflated) for the subscriptions it names that are {@code live}. A keyed full list replaces
     * each copy it is newer than; a delta applies to each copy at its base. A delta for a copy at another version,
     * or for none, refuses the whole push (nothing changes): the session then sends the full list. A push at or
     * below a copy's version changes nothing there (it is stale; the listener's gate drops it anyway). A plain push
     * (from a session without delta push) forgets the copies: the next delta would find no base.
     */
    public synchronized Taken take(PushMessage push, Predicate<String> live) {
        List<String> ids = push.subscriberIds().stream().filter(live).toList();
        if (!push.isKeyed()) {
            ids.forEach(copies::remove);
            return new Taken(List.of(push), null);
        }
        if (push.isDelta()) {
            for (String id : ids) {
                Copy copy = copies.get(id);
                if (copy == null || (copy.version != push.baseVersion() && copy.version < push.version())) {
                    return new Taken(List.of(), "delta of " + push.dataInfoId() + " from version " + push.baseVersion()
                            + " to " + push.version() + ": subscriber " + id + " holds "
                            + (copy == null ? "no list" : "version " + copy.version));
                }
            }
        }
        List<PushMessage> out = new ArrayList<>();
        for (String id : ids) {
            Copy before = copies.get(id);
            if (before != null && before.version >= push.version()) {
                continue;
            }
            Copy after;
            if (push.isDelta()) {
                after = before;
                after.apply(push);
            } else {
                after = new Copy(push);
                copies.put(id, after);
            }
            out.add(PushMessage.keyed(push.dataInfoId(), after.version, List.of(id), 0,
                    new ArrayList<>(after.inOrder.values()), List.of()));
        }
        return new Taken(out, null);
    }

    /** The subscription {@code registerId} ended: its copy goes. */
    public synchronized void forget(String registerId) {
        copies.remove(registerId);
    }

    /** The version of {@code registerId}'s copy, or -1 when it has none. */
    public synchronized long versionOf(String registerId) {
        Copy copy = copies.get(registerId);
        return copy == null ? -1 : copy.version;
    }
}
