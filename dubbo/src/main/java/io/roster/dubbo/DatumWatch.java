package io.roster.dubbo;

import io.roster.client.RosterClient;
import io.roster.client.Subscription;
import io.roster.client.SubscriptionListener;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One Roster subscription shared by every Dubbo listener of one datum (an application's instances, an interface's
 * providing applications): the latest items, and the listeners each push goes to. A listener added later is handed
 * the latest items at once, so nothing pushed between a first read and its registration is lost. Deliveries (pushes
 * and those hand-overs) run one at a time, in order.
 */
final class DatumWatch {
    private final CountDownLatch first = new CountDownLatch(1);
    private final Set<Consumer<List<String>>> listeners = new CopyOnWriteArraySet<>();
    private final Subscription subscription;
    private List<String> latest = List.of();
    private boolean closed;

    DatumWatch(RosterClient client, String dataInfoId) {
        this.subscription = client.subscribe(dataInfoId, SubscriptionListener.strings((id, items, version) -> onData(items)));
    }

    private synchronized void onData(List<String> items) {
        if (closed) {
            return;
        }
        latest = List.copyOf(items);
        first.countDown();
        listeners.forEach(l -> l.accept(latest));
    }

    /** The items once the first push came, or what is known after {@code timeoutMs} (empty if nothing). */
    List<String> awaitFirst(long timeoutMs) {
        try {
            first.await(timeoutMs, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return latest();
    }

    synchronized List<String> latest() {
        return latest;
    }

    synchronized void addListener(Consumer<List<String>> listener) {
        if (listeners.add(listener) && first.getCount() == 0 && !closed) {
            listener.accept(latest);
        }
    }

    void removeListener(Consumer<List<String>> listener) {
        listeners.remove(listener);
    }

    boolean hasListeners() {
        return !listeners.isEmpty();
    }

    void close() {
        synchronized (this) {
            closed = true;
            listeners.clear();
        }
        subscription.unsubscribe();
    }
}
