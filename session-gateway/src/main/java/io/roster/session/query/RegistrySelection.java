package io.roster.session.query;

import io.roster.common.model.DataInfoId;
import io.roster.common.model.InvalidInputException;
import io.roster.common.model.Publisher;
import io.roster.common.wire.ConnectionItem;
import io.roster.common.wire.ErrorCode;
import io.roster.common.wire.RegistrationItem;
import io.roster.common.wire.RegistryQuery;
import io.roster.common.wire.RegistryQueryReply;
import io.roster.common.wire.ServiceItem;
import io.roster.session.push.PushTargets;
import io.roster.session.registry.PublisherEntry;
import io.roster.session.registry.ConnectionHandle;
import io.roster.session.registry.SubscriberRecord;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * The query API's selection over one snapshot of a session's registry (docs/ARCHITECTURE.md, "Query API"): pure, no
 * threads, no sockets. Matches the query's filters, sorts (dataInfoId, then registerId; connections by address),
 * keeps the first {@code limit} and says whether more matched.
 */
public final class RegistrySelection {
    private static final Comparator<RegistrationItem> REGISTRATION_ORDER = Comparator.comparing(RegistrationItem::dataInfoId)
            .thenComparing(RegistrationItem::registerId).thenComparing(RegistrationItem::kind);
    private static final Comparator<ConnectionItem> CONNECTION_ORDER = Comparator.comparing(ConnectionItem::clientAddress)
            .thenComparing(ConnectionItem::clientId).thenComparingLong(ConnectionItem::connectedAtMillis);

    private final List<PublisherEntry> publishers;
    private final List<SubscriberRecord> subscribers;
    /** Whether a publisher is held off by the operator's client-off lever. */
    private final Predicate<PublisherEntry> off;

    public RegistrySelection(List<PublisherEntry> publishers, List<SubscriberRecord> subscribers, Predicate<PublisherEntry> off) {
        this.publishers = List.copyOf(publishers);
        this.subscribers = List.copyOf(subscribers);
        this.off = off;
    }

    /**
     * The answer to {@code q}, naming {@code session} as the one answering.
     *
     * @throws InvalidInputException naming the bad field: an unknown kind, a limit out of 1..10,000, a missing filter
     */
    public RegistryQueryReply answer(RegistryQuery q, String session) {
        if (q.limit() < 1 || q.limit() > RegistryQuery.MAX_LIMIT) {
            throw new InvalidInputException("limit " + q.limit() + " is out of range 1.." + RegistryQuery.MAX_LIMIT);
        }
        return switch (q.kind()) {
            case RegistryQuery.SERVICES -> services(q, session);
            case RegistryQuery.PUBLISHERS -> registrations(q, session, publisherItems(byService(q)), List.of());
            case RegistryQuery.SUBSCRIBERS -> registrations(q, session, List.of(), subscriberItems(byService(q)));
            case RegistryQuery.REGISTRATIONS -> {
                if (q.ip().isEmpty() && q.app().isEmpty()) {
                    throw new InvalidInputException("a registrations query needs ip or app");
                }
                Predicate<Registration> client = byClient(q);
                yield registrations(q, session, publisherItems(client), subscriberItems(client));
            }
            case RegistryQuery.CONNECTIONS -> connections(q, session);
            default -> throw new InvalidInputException("unknown query kind '" + q.kind() + "': one of services, publishers,"
                    + " subscribers, connections, registrations");
        };
    }

    /** What the filters look at in a publisher or a subscriber. */
    private record Registration(String dataInfoId, String app, ConnectionHandle connection) {
    }

    private static Predicate<Registration> byService(RegistryQuery q) {
        if (q.dataId().isEmpty()) {
            throw new InvalidInputException("dataId is required for a " + q.kind() + " query");
        }
        return r -> dataIdOf(r.dataInfoId()).equals(q.dataId()) && (q.group().isEmpty() || groupOf(r.dataInfoId()).equals(q.group()));
    }

    private static Predicate<Registration> byClient(RegistryQuery q) {
        return r -> (q.ip().isEmpty() || r.connection().clientIp().equals(q.ip())) && (q.app().isEmpty() || r.app().equals(q.app()));
    }

    private static Registration of(PublisherEntry e) {
        return new Registration(e.publisher().dataInfoId(), e.publisher().appName(), e.connection());
    }

    private static Registration of(SubscriberRecord s) {
        return new Registration(PushTargets.dataInfoIdOf(s.dataInfoId()), s.app(), s.connection());
    }

    private List<RegistrationItem> publisherItems(Predicate<Registration> filter) {
        return publishers.stream().filter(e -> filter.test(of(e))).map(e -> {
            Publisher p = e.publisher();
            List<String> data = p.data().stream().map(b -> new String(b, StandardCharsets.UTF_8)).toList();
            return RegistrationItem.publisher(p.registerId(), p.dataInfoId(), p.clientId(), e.connection().clientAddress(),
                    p.appName(), e.connection().connectedAtMillis(), p.version(), data, off.test(e));
        }).toList();
    }

    private List<RegistrationItem> subscriberItems(Predicate<Registration> filter) {
        return subscribers.stream().filter(s -> filter.test(of(s))).map(s -> RegistrationItem.subscriber(s.registerId(),
                PushTargets.dataInfoIdOf(s.dataInfoId()), s.clientId(), s.connection().clientAddress(), s.app(),
                s.connection().connectedAtMillis(), s.pushedVersion())).toList();
    }

    private static RegistryQueryReply registrations(RegistryQuery q, String session, List<RegistrationItem> pubs,
                                                    List<RegistrationItem> subs) {
        List<RegistrationItem> all = Stream.concat(pubs.stream(), subs.stream()).sorted(REGISTRATION_ORDER).toList();
        return new RegistryQueryReply(ErrorCode.OK, "", session, List.of(), first(all, q.limit()), List.of(), all.size() > q.limit(),
                all.size());
    }

    private RegistryQueryReply services(RegistryQuery q, String session) {
        Map<String, int[]> counts = new TreeMap<>();
        for (PublisherEntry e : publishers) {
            count(counts, e.publisher().dataInfoId(), q.prefix(), 0);
        }
        for (SubscriberRecord s : subscribers) {
            count(counts, PushTargets.dataInfoIdOf(s.dataInfoId()), q.prefix(), 1);
        }
        List<ServiceItem> items = new ArrayList<>();
        for (Map.Entry<String, int[]> c : counts.entrySet()) {
            if (items.size() == q.limit()) {
                break;
            }
            items.add(new ServiceItem(c.getKey(), c.getValue()[0], c.getValue()[1]));
        }
        return new RegistryQueryReply(ErrorCode.OK, "", session, items, List.of(), List.of(), counts.size() > q.limit(),
                counts.size());
    }

    private static void count(Map<String, int[]> counts, String dataInfoId, String prefix, int which) {
        if (dataInfoId.startsWith(prefix)) {
            counts.computeIfAbsent(dataInfoId, k -> new int[2])[which]++;
        }
    }

    /** The registrations of one connection, gathered. */
    private static final class Gathered {
        final TreeSet<String> clientIds = new TreeSet<>();
        final TreeSet<String> apps = new TreeSet<>();
        int publishers;
        int subscribers;
    }

    private RegistryQueryReply connections(RegistryQuery q, String session) {
        Map<ConnectionHandle, Gathered> byConnection = new IdentityHashMap<>();
        for (PublisherEntry e : publishers) {
            Gathered g = byConnection.computeIfAbsent(e.connection(), c -> new Gathered());
            g.clientIds.add(e.publisher().clientId());
            g.apps.add(e.publisher().appName());
            g.publishers++;
        }
        for (SubscriberRecord s : subscribers) {
            Gathered g = byConnection.computeIfAbsent(s.connection(), c -> new Gathered());
            g.clientIds.add(s.clientId());
            if (!s.app().isEmpty()) {
                g.apps.add(s.app());
            }
            g.subscribers++;
        }
        List<ConnectionItem> all = byConnection.entrySet().stream()
                .filter(c -> q.ip().isEmpty() || c.getKey().clientIp().equals(q.ip()))
                .filter(c -> q.app().isEmpty() || c.getValue().apps.contains(q.app()))
                .map(c -> new ConnectionItem(String.join(",", c.getValue().clientIds), c.getKey().clientAddress(),
                        String.join(",", c.getValue().apps), c.getKey().connectedAtMillis(), c.getValue().publishers,
                        c.getValue().subscribers))
                .sorted(CONNECTION_ORDER).toList();
        return new RegistryQueryReply(ErrorCode.OK, "", session, List.of(), List.of(), first(all, q.limit()),
                all.size() > q.limit(), all.size());
    }

    private static <T> List<T> first(List<T> sorted, int limit) {
        return sorted.size() <= limit ? sorted : sorted.subList(0, limit);
    }

    /** The dataId of a canonical dataInfoId: the part before the first separator. */
    static String dataIdOf(String dataInfoId) {
        int at = dataInfoId.indexOf(DataInfoId.SEPARATOR);
        return at < 0 ? dataInfoId : dataInfoId.substring(0, at);
    }

    /** The group of a canonical dataInfoId: the part after the last separator. */
    static String groupOf(String dataInfoId) {
        int at = dataInfoId.lastIndexOf(DataInfoId.SEPARATOR);
        return at < 0 ? "" : dataInfoId.substring(at + DataInfoId.SEPARATOR.length());
    }
}
