package io.roster.tools.replication;

import io.roster.client.Publication;
import io.roster.client.RosterClient;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The publications a test made that should be live, and the subscriptions recording what was pushed: the expected
 * side of every check. Each publisher carries one item, unique in the test, so a push's items name its publishers.
 */
final class Registrations {
    static final String SUFFIX = "#@#DEFAULT_INSTANCE_ID#@#DEFAULT_GROUP";

    /** dataInfoId -> registerId -> publication, for the publications that should be live. */
    private final Map<String, Map<String, Publication>> live = new ConcurrentHashMap<>();
    /** registerId -> its one item. */
    private final Map<String, String> items = new ConcurrentHashMap<>();
    /** dataInfoId -> the recorder of its subscription. */
    private final Map<String, SubscriptionRecorder> subscriptions = new ConcurrentHashMap<>();

    static String dataId(int index) {
        return "svc.replication." + index;
    }

    static String canonical(String dataId) {
        return dataId + SUFFIX;
    }

    Publication publish(RosterClient client, String dataId, String item) {
        Publication p = client.publish(dataId, item);
        live.computeIfAbsent(p.dataInfoId(), k -> new ConcurrentHashMap<>()).put(p.registerId(), p);
        items.put(p.registerId(), item);
        return p;
    }

    void unpublish(Publication p) {
        p.unpublish();
        forget(p);
    }

    /** The publication is no longer expected (unpublished, or its client is gone). */
    void forget(Publication p) {
        Map<String, Publication> pubs = live.get(p.dataInfoId());
        if (pubs != null) {
            pubs.remove(p.registerId());
        }
    }

    /**
     * Publishes {@code perDataId} publishers under each of dataIds {@code [firstDataId, firstDataId + dataIds)},
     * spread over {@code clients}, one thread per client. Item of publisher k of dataId i: {@code tag-i-k}.
     */
    List<Publication> publishSpread(List<RosterClient> clients, int firstDataId, int dataIds, int perDataId, String tag) {
        ExecutorService pool = Executors.newFixedThreadPool(clients.size());
        try {
            List<Future<List<Publication>>> futures = new ArrayList<>();
            for (int c = 0; c < clients.size(); c++) {
                int clientIndex = c;
                futures.add(pool.submit(() -> {
                    List<Publication> made = new ArrayList<>();
                    int n = 0;
                    for (int i = firstDataId; i < firstDataId + dataIds; i++) {
                        for (int k = 0; k < perDataId; k++, n++) {
                            if (n % clients.size() == clientIndex) {
                                made.add(publish(clients.get(clientIndex), dataId(i), tag + "-" + i + "-" + k));
                            }
                        }
                    }
                    return made;
                }));
            }
            List<Publication> all = new ArrayList<>();
            for (Future<List<Publication>> f : futures) {
                all.addAll(f.get());
            }
            return all;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("publishing failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /** Subscribes each of dataIds {@code [firstDataId, firstDataId + dataIds)} once, round-robin over {@code clients}. */
    void subscribeSpread(List<RosterClient> clients, int firstDataId, int dataIds) {
        for (int i = firstDataId; i < firstDataId + dataIds; i++) {
            subscribe(clients.get(i % clients.size()), dataId(i));
        }
    }

    SubscriptionRecorder subscribe(RosterClient client, String dataId) {
        SubscriptionRecorder recorder = new SubscriptionRecorder(canonical(dataId));
        if (subscriptions.putIfAbsent(recorder.dataInfoId(), recorder) != null) {
            throw new IllegalStateException(dataId + " is subscribed already");
        }
        client.subscribe(dataId, recorder);
        return recorder;
    }

    /** Every dataInfoId published or subscribed. */
    Set<String> dataInfoIds() {
        Set<String> all = new TreeSet<>(live.keySet());
        all.addAll(subscriptions.keySet());
        return all;
    }

    Set<String> expectedRegisterIds(String dataInfoId) {
        Map<String, Publication> pubs = live.get(dataInfoId);
        return pubs == null ? Set.of() : Set.copyOf(pubs.keySet());
    }

    Set<String> expectedItems(String dataInfoId) {
        return expectedRegisterIds(dataInfoId).stream().map(items::get).collect(Collectors.toSet());
    }

    Map<String, SubscriptionRecorder> subscriptions() {
        return subscriptions;
    }

    /** The subscriptions whose last push is not exactly the expected items, with what they last got. */
    List<String> subscribersBehind() {
        List<String> out = new ArrayList<>();
        for (SubscriptionRecorder r : subscriptions.values()) {
            Set<String> expected = expectedItems(r.dataInfoId());
            Set<String> last = r.lastItems();
            if (!expected.equals(last)) {
                out.add(r.dataInfoId() + ": last push " + (last == null ? "none" : last.size() + " items " + describeDiff(expected, last)));
            }
        }
        return out;
    }

    /** The position of every subscription's push list now; see {@link #pushesLacking}. */
    Map<String, Integer> mark() {
        return subscriptions.values().stream().collect(Collectors.toMap(SubscriptionRecorder::dataInfoId, SubscriptionRecorder::size));
    }

    /**
     * Every push after {@code mark} that lacks one of {@code required(dataInfoId)}: a partial list pushed to a
     * subscriber.
     */
    List<String> pushesLacking(Map<String, Integer> mark, Function<String, Set<String>> required) {
        List<String> out = new ArrayList<>();
        for (SubscriptionRecorder r : subscriptions.values()) {
            Set<String> must = required.apply(r.dataInfoId());
            int index = mark.getOrDefault(r.dataInfoId(), 0);
            for (SubscriptionRecorder.Delivery p : r.deliveriesFrom(index)) {
                if (!p.items().containsAll(must)) {
                    Set<String> missing = new TreeSet<>(must);
                    missing.removeAll(p.items());
                    out.add(r.dataInfoId() + " v" + p.version() + " (push " + index + ") lacks " + missing.size() + " of "
                            + must.size() + ": " + missing);
                }
                index++;
            }
        }
        return out;
    }

    /** Every push, ever, that lacks an item of the push before it (for dataInfoIds that are only added to). */
    List<String> shrinkingPushes(Set<String> dataInfoIds) {
        return dataInfoIds.stream().map(subscriptions::get).filter(Objects::nonNull)
                .flatMap(r -> r.shrinkingPushes().stream()).toList();
    }

    /** Every push, ever, whose version did not rise above the previous one of its subscription. */
    List<String> versionViolations() {
        return subscriptions.values().stream().flatMap(r -> r.orderViolations().stream()).toList();
    }

    private static String describeDiff(Set<String> expected, Set<String> got) {
        Set<String> missing = new TreeSet<>(expected);
        missing.removeAll(got);
        Set<String> extra = new TreeSet<>(got);
        extra.removeAll(expected);
        return "(missing " + missing + ", extra " + extra + ")";
    }
}
