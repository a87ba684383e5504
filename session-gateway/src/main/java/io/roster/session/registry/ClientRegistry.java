package io.roster.session.registry;

import io.roster.common.model.Publisher;
import io.roster.common.slot.SlotFunction;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The registrations of this session's clients: the source of truth for their publishers (docs/ARCHITECTURE.md),
 * their subscribers indexed by dataInfoId for pushes, and the connection each registration arrived on. A client
 * that reconnects (to this session or another) replays its registrations on the new connection; when the old
 * connection's close is handled later, only what still belongs to that connection goes, and nothing is stored over
 * it any more ({@link ClientConnections}).
 */
public final class ClientRegistry {
    private final Map<String, PublisherEntry> publishers = new ConcurrentHashMap<>();
    /** Kept in step with {@link #publishers} inside each compute that changes it. */
    private final SlotIndex bySlot;
    private final Map<String, SubscriberRecord> subscribers = new ConcurrentHashMap<>();
    private final Map<String, Set<SubscriberRecord>> subscribersByDataInfoId = new ConcurrentHashMap<>();
    private final ClientConnections connections = new ClientConnections();
    /** Grows after every subscriber added: the interest sequence data nodes order declarations and withdrawals by. */
    private final AtomicLong subscriptionSeq = new AtomicLong();
    /** DataInfoIds whose last subscriber here went, until the interest withdrawal takes them. */
    private final ConcurrentLinkedQueue<String> unsubscribed = new ConcurrentLinkedQueue<>();
    private final ClientCounts counts = new ClientCounts();

    /** Told of every change of a stored publisher, inside the compute that makes it (so in order per registerId). */
    private final PublisherChanges publisherChanges;
    private final OffPublishers off;

    public ClientRegistry(SlotFunction slots) {
        this(slots, (old, neu) -> { });
    }

    public ClientRegistry(SlotFunction slots, PublisherChanges publisherChanges) {
        this.bySlot = new SlotIndex(slots);
        this.publisherChanges = publisherChanges;
        this.off = new OffPublishers(publishers, bySlot, publisherChanges);
    }

    /**
     * Every change of a stored publisher goes through here: the slot index (which holds only publishers that are not
     * off, so digests and slot syncs leave off ones out) and the client's count follow it.
     */
    private void changed(PublisherEntry old, PublisherEntry neu) {
        bySlot.replaced(PublisherEntry.active(old), PublisherEntry.active(neu));
        Publisher was = old == null ? null : old.publisher();
        Publisher now = neu == null ? null : neu.publisher();
        counts.add(was, -1);
        counts.add(now, 1);
        publisherChanges.changed(was, now);
    }

    /** The publishers and subscribers {@code clientId} holds here (session.max-registrations-per-client). */
    public int registrationsOf(String clientId) {
        return counts.of(clientId);
    }

    /** Whether registrations already came over {@code connection} (it counts against session.max-clients). */
    public boolean isAttached(ConnectionHandle connection) {
        return connections.isAttached(connection);
    }

    /** The client connections with registrations here. */
    public int connectionCount() {
        return connections.count();
    }

    /**
     * Notes that {@code clientId} registered over {@code connection} at {@code stamp}. Returns false when the
     * connection is already closed or its close was handled: nothing registered on it would ever go.
     */
    public boolean attach(ConnectionHandle connection, String clientId, long stamp) {
        return connections.open(connection, clientId, stamp) != null;
    }

    /**
     * Stores {@code p} unless it is stale ({@link #isStale}). Returns the publisher it replaced (null if none),
     * or {@code p} itself when {@code p} is stale and was not stored. A client reconnecting replays with its own
     * clientId, so it replaces its own publisher.
     *
     * @throws RegistrationRefused when the connection's close was handled (UNAVAILABLE), or when another client
     *                             holds p's registerId (INVALID_REQUEST); nothing changes
     */
    public Publisher putPublisher(Publisher p, ConnectionHandle connection) {
        return putPublisher(p, connection, false, null);
    }

    /**
     * {@link #putPublisher(Publisher, ConnectionHandle)}, held {@code off} (client-off: kept here, not at data); with
     * {@code app} (client auth on) replacing only a publisher that app registered (FORBIDDEN otherwise).
     */
    public Publisher putPublisher(Publisher p, ConnectionHandle connection, boolean off, String app) {
        Publisher[] previous = new Publisher[1];
        boolean open = connections.whileOpen(connection, p.clientId(), p.registerTimestamp(),
                () -> previous[0] = store(p, connection, off, app));
        if (!open) {
            throw RegistrationRefused.closing();
        }
        return previous[0];
    }

    private Publisher store(Publisher p, ConnectionHandle connection, boolean off, String app) {
        Publisher[] previous = new Publisher[1];
        publishers.compute(p.registerId(), (id, old) -> {
            if (old != null && !old.publisher().clientId().equals(p.clientId())) {
                throw RegistrationRefused.heldByAnotherClient("publisher", id); // the mapping is left as it was
            }
            RegistrationRefused.unlessApp(app, old == null ? null : old.connection(), "publisher", id);
            if (old != null && isStale(p, old.publisher())) {
                previous[0] = p;
                return old;
            }
            previous[0] = old == null ? null : old.publisher();
            PublisherEntry neu = new PublisherEntry(p, connection, off);
            changed(old, neu);
            return neu;
        });
        return previous[0];
    }

    /**
     * Whether {@code p} is older than the {@code held} copy: a lower client version, or the same version sent on an
     * older connection of the client (a write that waited here while the client replayed on its next connection).
     */
    private static boolean isStale(Publisher p, Publisher held) {
        if (p.version() != held.version()) {
            return p.version() < held.version();
        }
        return p.connectionGeneration() < held.connectionGeneration();
    }

    /** Undoes {@link #putPublisher} of {@code p} after its write failed: puts back {@code previous}, if p is still stored. */
    public void undoPublisher(Publisher p, Publisher previous) {
        publishers.computeIfPresent(p.registerId(), (id, entry) -> {
            if (entry.publisher() != p) {
                return entry;
            }
            PublisherEntry back = previous == null ? null : new PublisherEntry(previous, entry.connection(), entry.off());
            changed(entry, back);
            return back;
        });
    }

    /** Which publishers client-off holds here, and setting them off or on ({@link LeverSweep}). */
    public OffPublishers off() {
        return off;
    }

    /** True while exactly {@code p} is the stored registration of its registerId. */
    public boolean holds(Publisher p) {
        PublisherEntry e = publishers.get(p.registerId());
        return e != null && e.publisher() == p;
    }

    public boolean hasSubscriber(String registerId) {
        return subscribers.containsKey(registerId);
    }

    /** The object this session holds for a publisher equal to {@code p}, or {@code p}: lets copies share memory. */
    public Publisher ownCopyOf(Publisher p) {
        PublisherEntry e = publishers.get(p.registerId());
        return e != null && p.equals(e.publisher()) ? e.publisher() : p;
    }

    public boolean hasPublisher(String registerId) {
        return publishers.containsKey(registerId);
    }

    public Publisher removePublisher(String registerId, String clientId) {
        return removePublisher(registerId, clientId, null);
    }

    /** Removes {@code clientId}'s publisher; with {@code app} (client auth on) only that app's (FORBIDDEN otherwise). */
    public Publisher removePublisher(String registerId, String clientId, String app) {
        Publisher[] removed = new Publisher[1];
        publishers.computeIfPresent(registerId, (id, e) -> {
            if (e.publisher().clientId().equals(clientId)) {
                RegistrationRefused.unlessApp(app, e.connection(), "publisher", id);
                removed[0] = e.publisher();
                changed(e, null);
                return null;
            }
            return e;
        });
        return removed[0];
    }

    /**
     * Puts back a publisher whose removal failed at data, {@code off} as a publish over {@code connection} would be
     * (under the clock's fence, as a publish), unless something else was registered meanwhile. Returns false,
     * restoring nothing, when the connection's close was handled: data may still hold p; the caller takes it off.
     */
    public boolean restorePublisher(Publisher p, ConnectionHandle connection, boolean off) {
        return connections.whileOpen(connection, p.clientId(), p.registerTimestamp(),
                () -> publishers.computeIfAbsent(p.registerId(), id -> {
                    PublisherEntry back = new PublisherEntry(p, connection, off);
                    changed(null, back);
                    return back;
                }));
    }

    /**
     * Adds {@code s}, replacing the subscriber of its registerId if its own client registered that one.
     *
     * @throws RegistrationRefused when the connection's close was handled (UNAVAILABLE), or when another client
     *                             holds s's registerId (INVALID_REQUEST); nothing changes
     */
    public void addSubscriber(SubscriberRecord s) {
        addSubscriber(s, null);
    }

    /** As {@link #addSubscriber(SubscriberRecord)}; with {@code app} (client auth on) replacing only that app's. */
    public void addSubscriber(SubscriberRecord s, String app) {
        if (!connections.whileOpen(s.connection(), s.clientId(), 0, () -> storeSubscriber(s, app))) {
            throw RegistrationRefused.closing();
        }
    }

    private void storeSubscriber(SubscriberRecord s, String app) {
        SubscriberRecord[] old = new SubscriberRecord[1];
        subscribers.compute(s.registerId(), (id, current) -> {
            if (current != null && !current.clientId().equals(s.clientId())) {
                throw RegistrationRefused.heldByAnotherClient("subscriber", id); // the mapping is left as it was
            }
            RegistrationRefused.unlessApp(app, current == null ? null : current.connection(), "subscriber", id);
            old[0] = current;
            return s;
        });
        counts.add(s.clientId(), 1);
        if (old[0] != null) {
            unindex(old[0]);
        }
        // Added inside the compute: an unindex emptying the set at the same moment cannot drop it with s inside.
        subscribersByDataInfoId.compute(s.dataInfoId(), (k, set) -> {
            Set<SubscriberRecord> out = set == null ? ConcurrentHashMap.newKeySet() : set;
            out.add(s);
            return out;
        });
        subscriptionSeq.incrementAndGet();
    }

    /**
     * The interest sequence: a read or version query made now declares interest with it. It grows after each
     * subscriber is added, so a withdrawal stamped before a subscription's add is below what that subscription's
     * first read declares.
     */
    public long subscriptionSeq() {
        return subscriptionSeq.get();
    }

    /**
     * A read or version query just declared interest in {@code dataInfoIds}: those without subscribers now are queued
     * for withdrawal again, since that declaration may have reached data after their withdrawal did.
     */
    public void declared(Collection<String> dataInfoIds) {
        for (String id : dataInfoIds) {
            if (!subscribersByDataInfoId.containsKey(id)) {
                unsubscribed.add(id);
            }
        }
    }

    /** Takes the dataInfoIds whose last subscriber went since the last call (some may have subscribers again). */
    public List<String> drainUnsubscribed() {
        List<String> out = new ArrayList<>();
        for (String id; (id = unsubscribed.poll()) != null; ) {
            out.add(id);
        }
        return out;
    }

    public SubscriberRecord removeSubscriber(String registerId, String clientId) {
        return removeSubscriber(registerId, clientId, null);
    }

    /** Removes {@code clientId}'s subscriber; with {@code app} (client auth on) only that app's (FORBIDDEN otherwise). */
    public SubscriberRecord removeSubscriber(String registerId, String clientId, String app) {
        SubscriberRecord s = subscribers.get(registerId);
        if (s == null || !s.clientId().equals(clientId)) {
            return null;
        }
        RegistrationRefused.unlessApp(app, s.connection(), "subscriber", registerId);
        if (!subscribers.remove(registerId, s)) {
            return null;
        }
        unindex(s);
        return s;
    }

    private void unindex(SubscriberRecord s) {
        counts.add(s.clientId(), -1);
        subscribersByDataInfoId.computeIfPresent(s.dataInfoId(), (k, set) -> {
            set.remove(s);
            if (set.isEmpty()) {
                unsubscribed.add(k);
                return null;
            }
            return set;
        });
    }

    public Collection<SubscriberRecord> subscribersOf(String dataInfoId) {
        Set<SubscriberRecord> set = subscribersByDataInfoId.get(dataInfoId);
        return set == null ? List.of() : List.copyOf(set);
    }

    /** True while {@code s} is the registered subscriber of its registerId (not unsubscribed or replaced). */
    public boolean isSubscribed(SubscriberRecord s) {
        return subscribers.get(s.registerId()) == s;
    }

    /** The dataInfoIds that have at least one subscriber here. */
    public Set<String> subscribedDataInfoIds() {
        return Set.copyOf(subscribersByDataInfoId.keySet());
    }

    public boolean hasSubscribers(String dataInfoId) {
        return subscribersByDataInfoId.containsKey(dataInfoId);
    }

    /**
     * Forgets a closed connection: removes the subscribers and publishers registered over it (not those its
     * clients already re-registered over a newer connection) and says up to which stamp data must drop them.
     */
    public ClosedConnection detach(ConnectionHandle connection) {
        // Waits for the stores under way over it: the sweep below sees them, and every later one is refused.
        ClientConnections.State state = connections.close(connection);
        if (state == null) {
            return new ClosedConnection(Set.of(), List.of(), 0);
        }
        for (SubscriberRecord s : subscribers.values()) {
            if (s.connection() == connection) {
                removeSubscriber(s.registerId(), s.clientId());
            }
        }
        List<Publisher> removed = new ArrayList<>();
        for (PublisherEntry e : publishers.values()) {
            if (e.connection() != connection) {
                continue;
            }
            publishers.computeIfPresent(e.publisher().registerId(), (id, current) -> {
                if (current.connection() != connection) {
                    return current; // re-registered over a newer connection meanwhile
                }
                // By connection, not entry: an undo of a failed republish may have replaced e with its previous version.
                changed(current, null);
                removed.add(current.publisher());
                return null;
            });
        }
        return new ClosedConnection(Set.copyOf(state.clientIds), removed, state.lastRegistration.get());
    }

    /**
     * The clients of a closed connection, the publishers that went with it, and the stamp of the last registration
     * it carried: client-off removes at data what those clients registered through this session up to that stamp.
     */
    public record ClosedConnection(Set<String> clientIds, List<Publisher> publishers, long registeredUpTo) {
    }

    public int publisherCount() {
        return publishers.size();
    }

    public int subscriberCount() {
        return subscribers.size();
    }

    public int clientCount() {
        return connections.clientCount();
    }

    public Collection<Publisher> publishers() {
        return publishers.values().stream().map(PublisherEntry::publisher).toList();
    }

    /** Each publisher held now with its connection (a snapshot; the query API reads it). */
    public List<PublisherEntry> publisherEntries() {
        return List.copyOf(publishers.values());
    }

    /** Each subscriber held now (a snapshot; the query API reads it). */
    public List<SubscriberRecord> subscribers() {
        return List.copyOf(subscribers.values());
    }

    /** The publishers by slot, with each slot's digest. */
    public SlotIndex bySlot() {
        return bySlot;
    }
}
