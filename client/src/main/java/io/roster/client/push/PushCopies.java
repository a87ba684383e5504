package io.roster.client.push;

import io.roster.common.model.InvalidInputException;

import io.roster.common.wire.PushEntry;
import io.roster.common.wire.PushMessage;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Set;
import java.util.IdentityHashMap;
import java.util.HashSet;
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

    /**
     * A list at {@code version}: by key, and in the datum's order. The subscriptions of one datum that took the same
     * pushes share one copy (a client's subscribers of a service usually do), so a delta is applied, and the whole
     * list built, once for all of them; a copy that only some of its holders move on from is cloned first.
     */
    private static final class Copy {
        final String dataInfoId;
        long version;
        final Map<String, PushEntry> byKey;
        final TreeMap<PushEntry, PushEntry> inOrder;
        /** The subscriptions (registerIds) holding this copy; guarded by the PushCopies. */
        final Set<String> holders = new HashSet<>();
        /** The whole list at {@code version}, built once when first asked for. */
        private List<PushEntry> list;

        Copy(PushMessage full) {
            dataInfoId = full.dataInfoId();
            version = full.version();
            byKey = new HashMap<>();
            inOrder = new TreeMap<>(ORDER);
            full.entries().forEach(this::put);
        }

        private Copy(Copy other) {
            dataInfoId = other.dataInfoId;
            version = other.version;
            byKey = new HashMap<>(other.byKey);
            inOrder = new TreeMap<>(other.inOrder);
            list = other.list;
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
            list = null;
        }

        List<PushEntry> list() {
            if (list == null) {
                list = List.copyOf(inOrder.values());
            }
            return list;
        }
    }

    private final Map<String, Copy> copies = new HashMap<>(); // guarded by this
    /**
     * Per dataInfoId, the copy at the newest version taken: a version of a datum has one content, so a subscription
     * that reaches that version (a new subscription's full list, a delta) joins it instead of keeping its own.
     */
    private final Map<String, Copy> newest = new HashMap<>(); // guarded by this

    /**
     * Takes {@code push} (inflated) for the subscriptions it names that are {@code live}. A keyed full list replaces
     * each copy it is newer than; a delta applies to each copy at its base. A delta for a copy at another version,
     * or for none, refuses the whole push (nothing changes): the session then sends the full list. A push at or
     * below a copy's version changes nothing there (it is stale; the listener's gate drops it anyway). A plain push
     * (from a session without delta push) forgets the copies: the next delta would find no base.
     */
    public synchronized Taken take(PushMessage push, Predicate<String> live) {
        if (push.isKeyed()) {
            checkKeyed(push);
        }
        List<String> ids = push.subscriberIds().stream().filter(live).toList();
        if (!push.isKeyed()) {
            ids.forEach(this::forgetHeld);
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
        // The subscriptions this push moves on, grouped by the copy they hold now (null: none yet).
        Map<Copy, List<String>> moving = new IdentityHashMap<>();
        List<String> fresh = new ArrayList<>();
        for (String id : ids) {
            Copy before = copies.get(id);
            if (before != null && before.version >= push.version()) {
                continue;
            }
            if (before == null || !push.isDelta()) {
                fresh.add(id);
            } else {
                moving.computeIfAbsent(before, c -> new ArrayList<>()).add(id);
            }
        }
        List<PushMessage> out = new ArrayList<>();
        if (!fresh.isEmpty()) {
            Copy known = atVersion(push);
            Copy after = known != null ? known : new Copy(push);
            fresh.forEach(id -> hold(id, after));
            out.add(wholeList(push, after, fresh));
        }
        moving.forEach((before, group) -> {
            Copy known = atVersion(push);
            Copy after = known != null ? known : before.holders.size() == group.size() ? before : new Copy(before);
            if (after != known) {
                after.apply(push);
            }
            group.forEach(id -> hold(id, after));
            out.add(wholeList(push, after, group));
        });
        return new Taken(out, null);
    }

    /** The copy of {@code push}'s datum already at its version, or null. */
    private Copy atVersion(PushMessage push) {
        Copy known = newest.get(push.dataInfoId());
        return known != null && known.version == push.version() && !known.holders.isEmpty() ? known : null;
    }

    private static PushMessage wholeList(PushMessage push, Copy copy, List<String> ids) {
        return PushMessage.keyed(push.dataInfoId(), copy.version, List.copyOf(ids), 0, copy.list(), List.of());
    }

    private void hold(String id, Copy copy) {
        Copy old = copies.put(id, copy);
        if (old != null && old != copy) {
            release(id, old);
        }
        copy.holders.add(id);
        Copy known = newest.get(copy.dataInfoId);
        if (known == null || known.version <= copy.version) {
            newest.put(copy.dataInfoId, copy);
        }
    }

    private void forgetHeld(String id) {
        Copy old = copies.remove(id);
        if (old != null) {
            release(id, old);
        }
    }

    private void release(String id, Copy copy) {
        copy.holders.remove(id);
        if (copy.holders.isEmpty()) {
            newest.remove(copy.dataInfoId, copy);
        }
    }

    /** The subscription {@code registerId} ended: its copy goes. */
    public synchronized void forget(String registerId) {
        forgetHeld(registerId);
    }

    /** The version of {@code registerId}'s copy, or -1 when it has none. */
    public synchronized long versionOf(String registerId) {
        Copy copy = copies.get(registerId);
        return copy == null ? -1 : copy.version;
    }

    /**
     * Refuses a keyed push whose entries or removed keys lack their keys before anything changes (found by
     * PushHandlerFuzzTest: a keyless entry failed building the copy with a NullPointerException).
     */
    private static void checkKeyed(PushMessage push) {
        if (push.dataInfoId() == null) {
            throw new InvalidInputException("a keyed push without its dataInfoId");
        }
        for (PushEntry e : push.entries()) {
            if (e == null || e.key() == null) {
                throw new InvalidInputException("a keyed push of " + push.dataInfoId() + " has an entry without a key");
            }
        }
        if (push.removedKeys().stream().anyMatch(java.util.Objects::isNull)) {
            throw new InvalidInputException("a keyed push of " + push.dataInfoId() + " removes a null key");
        }
    }
}
