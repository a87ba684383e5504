package io.roster.tools.bench.apps;

import io.roster.client.ApplicationMetadata;
import io.roster.client.ApplicationPublication;
import io.roster.client.Publication;
import io.roster.client.RosterClient;
import io.roster.client.SubscriptionListener;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How one level registers the same pods: what a provider pod publishes, what a consumer pod subscribes, and how a
 * provider pod leaves (it unpublishes what it published, as a graceful shutdown does). Each subscription remembers
 * the size of the last list its listener was handed.
 */
abstract class Workload {
    private final String level;
    private final List<AtomicInteger> listSizes = new ArrayList<>();

    Workload(String level) {
        this.level = level;
    }

    String level() {
        return level;
    }

    /** Provider pod {@code pod}, reached at {@code address}, serving {@code interfaces}. */
    abstract void provide(RosterClient client, int pod, String address, List<String> interfaces);

    /** One consumer pod's subscriptions to {@code interfaces}. */
    abstract void consume(RosterClient client, List<String> interfaces);

    /** Provider pod {@code pod} leaves. */
    abstract void leave(int pod);

    /** A new subscription's list size, updated by its listener. */
    final AtomicInteger newListSize() {
        AtomicInteger size = new AtomicInteger(-1);
        synchronized (listSizes) {
            listSizes.add(size);
        }
        return size;
    }

    /** Whether every subscription's last list has exactly {@code instances} entries. */
    final boolean allListsHave(int instances) {
        synchronized (listSizes) {
            return listSizes.stream().allMatch(s -> s.get() == instances);
        }
    }

    /** The entries of every subscription's last list, summed. */
    final long listEntries() {
        synchronized (listSizes) {
            return listSizes.stream().mapToLong(s -> Math.max(0, s.get())).sum();
        }
    }

    /** Interface-level: a pod publishes one publisher per interface; a consumer subscribes each interface. */
    static final class InterfaceLevel extends Workload {
        private final Map<Integer, List<Publication>> byPod = new ConcurrentHashMap<>();

        InterfaceLevel() {
            super(AppsBenchCommand.INTERFACE_LEVEL);
        }

        @Override
        void provide(RosterClient client, int pod, String address, List<String> interfaces) {
            List<CompletableFuture<Publication>> sent = interfaces.stream().map(i -> client.publishAsync(i, address)).toList();
            byPod.put(pod, sent.stream().map(CompletableFuture::join).toList());
        }

        @Override
        void consume(RosterClient client, List<String> interfaces) {
            for (String i : interfaces) {
                AtomicInteger size = newListSize();
                client.subscribe(i, (SubscriptionListener) (id, data, version) -> size.set(data.size()));
            }
        }

        @Override
        void leave(int pod) {
            byPod.remove(pod).forEach(Publication::unpublish);
        }
    }

    /** Application-level: a pod publishes one application instance; a consumer subscribes each interface with subscribeInterface. */
    static final class ApplicationLevel extends Workload {
        private final String app;
        private final Map<Integer, ApplicationPublication> byPod = new ConcurrentHashMap<>();

        ApplicationLevel(String app) {
            super(AppsBenchCommand.APP_LEVEL);
            this.app = app;
        }

        @Override
        void provide(RosterClient client, int pod, String address, List<String> interfaces) {
            byPod.put(pod, client.publishApplication(app, address, ApplicationMetadata.of(interfaces.toArray(String[]::new))));
        }

        @Override
        void consume(RosterClient client, List<String> interfaces) {
            for (String i : interfaces) {
                AtomicInteger size = newListSize();
                client.subscribeInterface(i, (id, instances, version) -> size.set(instances.size()));
            }
        }

        @Override
        void leave(int pod) {
            byPod.remove(pod).unpublish();
        }
    }
}
