package io.roster.session.registry;

import com.alipay.remoting.Connection;
import io.roster.common.model.Publisher;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The registrations of this session's clients: the source of truth for their publishers (DESIGN.md section 1),
 * their subscribers indexed by dataInfoId for pushes, and which connection each client speaks over.
 */
public final class ClientRegistry {
    private final Map<String, Publisher> publishers = new ConcurrentHashMap<>();
    private final Map<String, SubscriberRecord> subscribers = new ConcurrentHashMap<>();
    private final Map<String, Set<SubscriberRecord>> subscribersByDataInfoId = new ConcurrentHashMap<>();
    private final Map<Connection, Set<String>> clientsByConnection = new ConcurrentHashMap<>();

    /** Notes that {@code clientId} speaks over {@code connection}; its registrations go when the connection closes. */
    public void attach(Connection connection, String clientId) {
        clientsByConnection.computeIfAbsent(connection, c -> ConcurrentHashMap.newKeySet()).add(clientId);
    }

    /** Stores or replaces a publisher unless the stored one has a higher version; returns what is stored now. */
    public Publisher putPublisher(Publisher p) {
        return publishers.merge(p.registerId(), p, (old, neu) -> neu.version() >= old.version() ? neu : old);
    }

    public Publisher removePublisher(String registerId, String clientId) {
        Publisher[] removed = new Publisher[1];
        publishers.computeIfPresent(registerId, (id, p) -> {
            if (p.clientId().equals(clientId)) {
                removed[0] = p;
                return null;
            }
            return p;
        });
        return removed[0];
    }

    /** Puts back a publisher that a failed write removed, unless something newer arrived meanwhile. */
    public void restorePublisher(Publisher p) {
        publishers.putIfAbsent(p.registerId(), p);
    }

    public void addSubscriber(SubscriberRecord s) {
        SubscriberRecord old = subscribers.put(s.registerId(), s);
        if (old != null) {
            unindex(old);
        }
        subscribersByDataInfoId.computeIfAbsent(s.dataInfoId(), k -> ConcurrentHashMap.newKeySet()).add(s);
    }

    public SubscriberRecord removeSubscriber(String registerId, String clientId) {
        SubscriberRecord s = subscribers.get(registerId);
        if (s == null || !s.clientId().equals(clientId) || !subscribers.remove(registerId, s)) {
            return null;
        }
        unindex(s);
        return s;
    }

    private void unindex(SubscriberRecord s) {
        subscribersByDataInfoId.computeIfPresent(s.dataInfoId(), (k, set) -> {
            set.remove(s);
            return set.isEmpty() ? null : set;
        });
    }

    public Collection<SubscriberRecord> subscribersOf(String dataInfoId) {
        Set<SubscriberRecord> set = subscribersByDataInfoId.get(dataInfoId);
        return set == null ? List.of() : List.copyOf(set);
    }

    public boolean hasSubscribers(String dataInfoId) {
        return subscribersByDataInfoId.containsKey(dataInfoId);
    }

    /**
     * Forgets a closed connection: removes the subscribers of its clients at once and returns the publishers that
     * must be taken off the data nodes (the caller sends client-off for each client id).
     */
    public ClosedClients detach(Connection connection) {
        Set<String> clientIds = clientsByConnection.remove(connection);
        if (clientIds == null) {
            return new ClosedClients(Set.of(), List.of());
        }
        for (SubscriberRecord s : subscribers.values()) {
            if (s.connection() == connection) {
                removeSubscriber(s.registerId(), s.clientId());
            }
        }
        List<Publisher> removed = new ArrayList<>();
        for (Publisher p : publishers.values()) {
            if (clientIds.contains(p.clientId()) && publishers.remove(p.registerId(), p)) {
                removed.add(p);
            }
        }
        return new ClosedClients(Set.copyOf(clientIds), removed);
    }

    /** The client ids and publishers of a closed connection. */
    public record ClosedClients(Set<String> clientIds, List<Publisher> publishers) {
    }

    public int publisherCount() {
        return publishers.size();
    }

    public int subscriberCount() {
        return subscribers.size();
    }

    public int clientCount() {
        return clientsByConnection.values().stream().mapToInt(Set::size).sum();
    }

    public Collection<Publisher> publishers() {
        return List.copyOf(publishers.values());
    }
}
