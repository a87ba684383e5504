package io.roster.dubbo;

import io.roster.client.RosterClient;
import io.roster.client.Subscription;
import io.roster.client.SubscriptionListener;
import org.apache.dubbo.common.logger.ErrorTypeAwareLogger;
import org.apache.dubbo.common.logger.LoggerFactory;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import static org.apache.dubbo.common.constants.LoggerCodeConstants.REGISTRY_FAILED_NOTIFY_EVENT;

/**
 * One Roster subscription shared by every Dubbo listener of one datum (an application's instances, an interface's
 * providing applications): the latest items, and the listeners each push goes to. A listener added later is handed
 * the latest items at once, so nothing pushed between a first read and its registration is lost. Deliveries (pushes
 * and those hand-overs) run one at a time, in order.
 */
final class DatumWatch {
    private static final ErrorTypeAwareLogger LOG = LoggerFactory.getErrorTypeAwareLogger(DatumWatch.class);
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
        listeners.forEach(this::deliver);
    }

    /** One listener that throws must not keep the list from the others. */
    private void deliver(Consumer<List<String>> listener) {
        try {
            listener.accept(latest);
        } catch (RuntimeException e) {
            LOG.warn(REGISTRY_FAILED_NOTIFY_EVENT, "", "", "a listener of a Roster datum failed", e);
        }
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
            deliver(listener);
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
