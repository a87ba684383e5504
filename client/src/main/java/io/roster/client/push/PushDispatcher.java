package io.roster.client.push;

import io.roster.client.registry.SubscriptionRecord;
import io.roster.common.util.NamedThreads;
import io.roster.common.wire.PushEntry;
import io.roster.common.wire.PushMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Function;

/**
 * Hands pushes to the subscription listeners on one thread per client, so a slow listener holds back only this
 * client's deliveries, never bolt's IO threads nor the push handler.
 *
 * <p>Each subscription (registerId) has one slot for its latest undelivered push: a newer version replaces the one
 * waiting there, an older or equal one is dropped. So a listener that blocks holds at most one pending data list per
 * subscription, whatever the number of changes meanwhile, and then gets the latest, never the backlog. Slots are
 * delivered in the order they filled. The version gate of each subscription drops stale and duplicate pushes again
 * at delivery (ARCHITECTURE.md invariant 2): no listener sees a version lower than one it already got.
 *
 * <p>A keyed push here is always a whole list (the {@link PushCopies} made it from a delta): a listener gets its
 * entries' items in order; one that wants changes also gets the entries added or replaced and the keys removed since
 * the list it was handed last (so a newer push that replaced a waiting one loses no change).
 */
public final class PushDispatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PushDispatcher.class);

    private final Function<String, SubscriptionRecord> subscribers;
    private final ExecutorService thread;
    private final PushCopies copies = new PushCopies();
    /** Per subscription whose listener wants changes: the entries it was last handed, by key (dispatcher thread only). */
    private final Map<String, Map<String, PushEntry>> delivered = new java.util.concurrent.ConcurrentHashMap<>();
    /** RegisterId to its latest undelivered push, in the order the slots filled; guarded by this. */
    private final Map<String, PushMessage> latest = new LinkedHashMap<>();
    /** Whether a drain task is queued or running; guarded by this. At most one is, so the thread's queue stays short. */
    private boolean draining;
    private boolean closed; // guarded by this

    /** {@code subscribers} finds a live subscription by registerId (null when there is none). */
    public PushDispatcher(Function<String, SubscriptionRecord> subscribers, String threadName) {
        this.subscribers = subscribers;
        this.thread = NamedThreads.pool(threadName, 1);
    }

    /** The subscriptions' materialised copies, which delta pushes apply to before they are dispatched. */
    public PushCopies copies() {
        return copies;
    }

    /** Whether {@code registerId} is a live subscription of this client. */
    public boolean isLive(String registerId) {
        return subscribers.apply(registerId) != null;
    }

    /**
     * Takes {@code push} into the slot of each subscription it names (where it is newer than what waits there and
     * what was delivered) and returns at once, without waiting for any listener; false once closed.
     */
    public boolean dispatch(PushMessage push) {
        synchronized (this) {
            if (closed) {
                return false;
            }
            for (String registerId : push.subscriberIds()) {
                take(registerId, push);
            }
        }
        return startDrain();
    }

    /** Queues a drain unless one is queued or running or nothing waits; false when the thread is stopped. */
    private boolean startDrain() {
        synchronized (this) {
            if (closed) {
                return false;
            }
            if (draining || latest.isEmpty()) {
                return true;
            }
            draining = true;
        }
        try {
            thread.execute(this::drain);
            return true;
        } catch (RejectedExecutionException e) {
            return false; // closed meanwhile
        }
    }

    /** Puts {@code push} in {@code registerId}'s slot if it may ever be delivered there. Called holding this. */
    private void take(String registerId, PushMessage push) {
        SubscriptionRecord subscriber = deliverable(registerId, push);
        if (subscriber == null) {
            return;
        }
        PushMessage waiting = latest.get(registerId);
        if (waiting != null && waiting.version() >= push.version()) {
            LOG.debug("Push of {} version {} for {} is not newer than version {} waiting: dropped",
                    push.dataInfoId(), push.version(), registerId, waiting.version());
            return;
        }
        latest.put(registerId, push); // a replaced value keeps its place in line
    }

    /** The subscription {@code push} may be delivered to, or null (logged) when it may not. */
    private SubscriptionRecord deliverable(String registerId, PushMessage push) {
        SubscriptionRecord subscriber = subscribers.apply(registerId);
        if (subscriber == null) {
            LOG.debug("Push of {} version {} for subscriber {}, which is not live here: ignored",
                    push.dataInfoId(), push.version(), registerId);
            return null;
        }
        if (!subscriber.dataInfoId().equals(push.dataInfoId())) {
            LOG.warn("Push of {} version {} names {}, which subscribes to {}: ignored",
                    push.dataInfoId(), push.version(), registerId, subscriber.dataInfoId());
            return null;
        }
        if (push.version() <= subscriber.lastDelivered()) {
            LOG.debug("Push of {} version {} for {} is not newer than version {}: dropped",
                    push.dataInfoId(), push.version(), registerId, subscriber.lastDelivered());
            return null;
        }
        return subscriber;
    }

    /** Delivers slot after slot until none is filled; a slot filled meanwhile is delivered by this same run. */
    private void drain() {
        boolean more = true;
        try {
            while (more && !Thread.currentThread().isInterrupted()) {
                more = deliverNext();
            }
        } finally {
            if (more) { // a listener threw an Error, or close() interrupted: a later push must still find a drain
                synchronized (this) {
                    draining = false;
                }
                startDrain();
            }
        }
    }

    /** Delivers the oldest filled slot; false (and no drain running) when none is. */
    private boolean deliverNext() {
        String registerId;
        PushMessage push;
        synchronized (this) {
            Iterator<Map.Entry<String, PushMessage>> next = latest.entrySet().iterator();
            if (!next.hasNext()) {
                draining = false;
                return false;
            }
            Map.Entry<String, PushMessage> slot = next.next();
            next.remove();
            registerId = slot.getKey();
            push = slot.getValue();
        }
        deliver(registerId, push);
        return true;
    }

    private void deliver(String registerId, PushMessage push) {
        SubscriptionRecord subscriber = deliverable(registerId, push); // it may have left since the push came
        if (subscriber != null && subscriber.advanceTo(push.version())) {
            notify(subscriber, push);
        }
    }

    private void notify(SubscriptionRecord subscriber, PushMessage push) {
        try {
            if (!push.isKeyed()) {
                delivered.remove(subscriber.registerId());
                subscriber.listener().onData(push.dataInfoId(), copy(push.data()), push.version());
            } else if (!subscriber.listener().wantsChanges()) {
                subscriber.listener().onData(push.dataInfoId(), flatten(push.entries()), push.version());
            } else {
                notifyChange(subscriber, push);
            }
        } catch (RuntimeException e) {
            LOG.warn("Listener of {} failed on version {}", subscriber, push.version(), e);
        }
    }

    /** Hands a listener that wants changes the whole list and what changed since the list it was handed last. */
    private void notifyChange(SubscriptionRecord subscriber, PushMessage push) {
        Map<String, PushEntry> before = delivered.getOrDefault(subscriber.registerId(), Map.of());
        Map<String, PushEntry> now = new java.util.HashMap<>();
        Map<String, List<byte[]>> changed = new LinkedHashMap<>();
        for (PushEntry e : push.entries()) {
            now.put(e.key(), e);
            PushEntry old = before.get(e.key());
            if (old == null || !sameEntry(old, e)) {
                changed.put(e.key(), copy(e.items()));
            }
        }
        java.util.Set<String> removed = new java.util.LinkedHashSet<>(before.keySet());
        removed.removeAll(now.keySet());
        if (isLive(subscriber.registerId())) { // an unsubscribe meanwhile forgot it: keep nothing for it
            delivered.put(subscriber.registerId(), now);
        }
        subscriber.listener().onChange(push.dataInfoId(), flatten(push.entries()), Collections.unmodifiableMap(changed),
                Collections.unmodifiableSet(removed), push.version());
    }

    private static boolean sameEntry(PushEntry a, PushEntry b) {
        if (a == b) {
            return true;
        }
        if (a.order() != b.order() || a.items().size() != b.items().size()) {
            return false;
        }
        for (int i = 0; i < a.items().size(); i++) {
            if (!java.util.Arrays.equals(a.items().get(i), b.items().get(i))) {
                return false;
            }
        }
        return true;
    }

    /** Every entry's items, in the entries' order, as the listener's own copies. */
    private static List<byte[]> flatten(List<PushEntry> entries) {
        List<byte[]> all = new ArrayList<>();
        for (PushEntry e : entries) {
            all.addAll(e.items());
        }
        return copy(all);
    }

    /** Each listener gets its own arrays, so one listener that writes into them cannot corrupt another's view. */
    private static List<byte[]> copy(List<byte[]> data) {
        List<byte[]> out = new ArrayList<>(data.size());
        for (byte[] item : data) {
            out.add(item == null ? new byte[0] : item.clone());
        }
        return Collections.unmodifiableList(out);
    }

    /** {@code registerId} unsubscribed: its undelivered push, if any, is dropped now rather than at its turn. */
    public synchronized void forget(String registerId) {
        latest.remove(registerId);
        copies.forget(registerId);
        delivered.remove(registerId);
    }

    /** How many subscriptions hold an undelivered push: at most one each. */
    synchronized int pendingCount() {
        return latest.size();
    }

    /** Drops pushes not yet delivered and stops the thread. */
    @Override
    public void close() {
        synchronized (this) {
            closed = true;
            latest.clear();
        }
        NamedThreads.shutdown(thread);
    }
}
